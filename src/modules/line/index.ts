/**
 * LINE channel for reservations: the Messaging API webhook (POST /line/webhook), the chatbot, the rich
 * menu as code (`madoguchi line rich-menu deploy`), LIFF sign-in for the booking pages, and notices
 * by push. LINE is one more channel of the reservations module, not a copy of it.
 *
 * Exports for other modules:
 * - pushLineNotice(ctx, tx, { lineUserId, notice, retryKey }): push a booking notice (Flex message);
 *   the retry key makes a retried job deliver once; unfollowed users get nothing ('unfollowed').
 * - pushLineMessages(ctx, tx, { lineUserId, messages, retryKey, purpose }): push other modules' messages
 *   (an e-application's status notice) with the same once-per-retry-key delivery.
 * - lineUserOf(ctx, req): the LINE user id of a request that came through the LIFF sign-in, verified
 *   server-side with LINE's verify endpoint (undefined otherwise). Bind LINE bookings with it.
 * - lineLinks(ctx): the booking-page and My Page links the bot uses.
 *
 * In demo mode (LINE_STANDIN=true) the LINE platform stand-in runs on its own port (LINE_STANDIN_PORT,
 * default PORT + 1) with its chat simulator at /simulator, and the rich menu is deployed to it on start.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import type { Module } from '../../platform/module.js';
// Type only: the LINE stand-in is a test double, loaded (dynamic import) only when LINE_STANDIN=true.
import type { startLineStandin } from '../../line-standin/standin.js';
import { registerLineNoticeSender, type NoticeSender } from '../reservations/index.js';
import { pushLineNotice } from './push-notice.js';
import { handleEventJob } from './handle-event.js';
import { registerLiff } from './liff.js';
import { registerStaffMessage } from './staff-message.js';
import { deployRichMenu, richMenuDeployCommand } from './rich-menu.js';
import { registerWebhook } from './webhook.js';
import { linePersonalData } from './personal-data.js';

export { pushLineMessages, pushLineNotice } from './push-notice.js';
export { lineUserOf } from './liff.js';

export type { LineNotice } from './notice-message.js';
export { deployRichMenu } from './rich-menu.js';

// Notices of bookings made through LINE go out by LINE push (the reservations module falls back to
// e-mail when this returns false: the user unfollowed the account).
const sendLineNotice: NoticeSender = async (ctx, tx, { reservation, content, job }) => {
  if (!reservation.lineUserId) return false;
  const r = await pushLineNotice(ctx, tx, {
    lineUserId: reservation.lineUserId,
    notice: content,
    retryKey: `reservation-notice-job-${job.retryKey}`,
  });
  return r !== 'unfollowed';
};

async function register(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await registerWebhook(app, ctx);
  registerLiff(app, ctx);
  registerStaffMessage(app, ctx);
  const { line } = ctx.config;
  if (!line.standin || !line.channelSecret || !line.channelAccessToken) return;
  // Demo: the LINE platform stand-in on its own port, started with this server and closed with it.
  const local = `http://127.0.0.1:${ctx.config.port}`;
  let running: Awaited<ReturnType<typeof startLineStandin>> | undefined;
  let started = false;
  app.addHook('onListen', async () => {
    if (started) return; // onListen fires once per listening address
    started = true;
    const standin = await import('../../line-standin/standin.js');
    running = await standin.startLineStandin({
      channelSecret: line.channelSecret as string,
      channelAccessToken: line.channelAccessToken as string,
      webhookUrl: `${local}/line/webhook`,
      liffEndpointUrl: `${ctx.config.publicBaseUrl}/line/liff`,
      port: line.standinPort,
      host: ctx.config.host,
    });
    ctx.log.info({ event: 'line_standin_started', url: running.url }, `LINE stand-in: chat simulator at ${running.url}/simulator`);
    if (line.apiBaseUrl.startsWith('http://127.0.0.1:') && line.apiBaseUrl.endsWith(`:${line.standinPort}`)) {
      // The stand-in forgets on restart: deploy the rich menu to it each time.
      await deployRichMenu(ctx.config).then(
        (r) => ctx.log.info({ event: 'line_rich_menu_deployed', richMenuId: r.richMenuId }, 'rich menu deployed to the LINE stand-in'),
        (err) => ctx.log.warn({ err: String(err) }, 'rich menu deploy to the LINE stand-in failed'),
      );
    }
  });
  app.addHook('onClose', async () => {
    await running?.close();
  });
}

export const lineModule: Module = {
  name: 'line',
  // In attach, not register: the worker sends the notices, and a worker-only process has no server.
  attach: (ctx) => registerLineNoticeSender(ctx, sendLineNotice),
  register,
  jobs: [handleEventJob],
  commands: [richMenuDeployCommand],
  personalData: linePersonalData,
};
