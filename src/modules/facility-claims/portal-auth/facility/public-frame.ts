/** The frame of the two log-in screens (no session yet, so no portal menu): the portal's name on the shared staff frame. */
import type { FastifyRequest } from 'fastify';
import { staffShell } from '../../../../web/components/index.js';
import type { SafeHtml } from '../../../../web/html.js';
import { facilityShellMessages } from '../../shared/facility-shell.messages.js';

export function renderLogInFrame(req: FastifyRequest, o: { title: string; main: SafeHtml; path: string; hasErrors?: boolean }): string {
  return staffShell({
    lang: req.lang,
    title: o.title,
    main: o.main,
    siteName: facilityShellMessages.t(req.lang, 'siteName'),
    // the language switch returns to the form's address (also after a POST)
    path: o.path,
    hasErrors: o.hasErrors,
  }).toString();
}
