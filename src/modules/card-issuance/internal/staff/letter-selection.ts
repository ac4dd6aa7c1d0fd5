/** Which cards a letters form names: typed control numbers (one per line, or separated by commas or spaces) or the unprinted ones. */
import { z } from 'zod';
import { errors } from '../../../../http/errors.js';
import type { LetterSelection } from '../print-letters.js';
import { cardLettersMessages } from './card-letters.messages.js';

/** The selection fields of the letters forms (all optional: the unprinted cards by default). */
export const letterSelectionBody = z.object({
  mode: z.string().optional(),
  numbers: z.string().max(100_000).optional(),
  limit: z.string().max(20).optional(),
});

/** The selection, or a 422 when "these numbers" was chosen without any. */
export function letterSelectionOf(values: z.output<typeof letterSelectionBody>): LetterSelection {
  if (values.mode === 'numbers') {
    const controlNos = (values.numbers ?? '').split(/[\s,\u3001\uff0c]+/).filter(Boolean);
    if (!controlNos.length) throw errors.validation([{ field: 'numbers', message: cardLettersMessages.text('enterNumbers') }]);
    return { controlNos };
  }
  const limit = Number((values.limit ?? '').normalize('NFKC').trim());
  return { unprinted: true, limit: Number.isInteger(limit) && limit > 0 ? limit : undefined };
}
