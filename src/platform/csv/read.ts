/**
 * The one CSV reader: records of a decoded CSV text stream, in batches, with the line number each
 * record ends on. Bytes become text through ./encoding.ts (one detector).
 *
 * Two implementations with the same output, proven identical by read.test.ts over generated inputs. `csvParseRecords` is csv-parse (bom, relax_column_count,
 * skip_empty_lines), the reference. `fastCsvRecords` handles the files issuance lists really are
 * (one record per line, fields plain or wholly quoted with "" escapes) about five times faster, and
 * gives up with `CsvFallback` on anything else: a quote inside a plain field, text after a closing
 * quote, a line break inside a field, an unclosed quote. The caller then reads the file again with
 * csv-parse, so odd or broken files get exactly csv-parse's records, line numbers and messages.
 * The fast reader stays because parsing would otherwise dominate the card import benchmark
 * (bench/card.ts): csv-parse reads 200,000 issuance-list rows in ~7.5 s, the fast reader in ~1.6 s.
 */
import { parse } from 'csv-parse';
import { Readable } from 'node:stream';

export type CsvRecord = { record: string[]; line: number };

/** The fast reader met something only csv-parse decides; read the file again with `csvParseRecords`. */
export class CsvFallback extends Error {
  constructor(line: number) {
    super(`CSV line ${line} needs the full parser`);
  }
}

/** Records of a whole text in memory (small files: result lists), through csv-parse. */
export async function readCsvText(text: string): Promise<CsvRecord[]> {
  const out: CsvRecord[] = [];
  for await (const batch of csvParseRecords([text])) out.push(...batch);
  return out;
}

export async function* csvParseRecords(text: AsyncIterable<string> | Iterable<string>): AsyncGenerator<CsvRecord[]> {
  const input = Readable.from(text);
  // Excel leaves rows of empty cells (",,,,") after the data when rows were cleared: not records.
  const parser = input.pipe(
    parse({ bom: true, relax_column_count: true, skip_empty_lines: true, skip_records_with_empty_values: true, info: true }),
  );
  input.once('error', (err) => parser.destroy(err));
  let batch: CsvRecord[] = [];
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    batch.push({ record, line: info.lines });
    if (batch.length >= 1000) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

export async function* fastCsvRecords(chunks: AsyncIterable<string>): AsyncGenerator<CsvRecord[]> {
  let rest = '';
  let delimiter: '\r\n' | '\n' | '\r' | undefined;
  let line = 0;
  let started = false;
  for await (const chunk of chunks) {
    let text = rest + chunk;
    if (!started && text.length > 0) {
      started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (!delimiter) {
      // Like csv-parse: the first line break found decides the record delimiter for the whole file.
      const i = text.search(/[\r\n]/);
      if (i < 0 || (text[i] === '\r' && i + 1 === text.length)) {
        rest = text;
        continue;
      }
      delimiter = text[i] === '\n' ? '\n' : text[i + 1] === '\n' ? '\r\n' : '\r';
    }
    const end = text.lastIndexOf(delimiter);
    if (end < 0) {
      rest = text;
      continue;
    }
    rest = text.slice(end + delimiter.length);
    let batch: CsvRecord[] = [];
    for (const l of text.slice(0, end).split(delimiter)) {
      line++;
      if (l !== '') pushRecord(batch, splitLine(l, line), line);
      if (batch.length >= 1000) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length) yield batch;
  }
  if (rest !== '') {
    const last: CsvRecord[] = [];
    pushRecord(last, splitLine(rest, line + 1), line + 1);
    if (last.length) yield last;
  }
}

/** Like csv-parse's skip_records_with_empty_values: a record whose every field is blank is no record. */
function pushRecord(batch: CsvRecord[], record: string[], line: number): void {
  if (record.some((f) => f.trim() !== '')) batch.push({ record, line });
}

/** One line's fields; throws CsvFallback where csv-parse would join lines, or fail. */
function splitLine(l: string, line: number): string[] {
  if (!/["\r\n]/.test(l)) return l.split(',');
  if (/[\r\n]/.test(l)) throw new CsvFallback(line);
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (l.charCodeAt(i) === 0x22) {
      let value = '';
      let from = i + 1;
      for (;;) {
        const q = l.indexOf('"', from);
        if (q < 0) throw new CsvFallback(line); // unclosed: csv-parse would read on into the next line
        if (l.charCodeAt(q + 1) === 0x22) {
          value += l.slice(from, q + 1);
          from = q + 2;
          continue;
        }
        value += l.slice(from, q);
        i = q + 1;
        break;
      }
      fields.push(value);
      if (i === l.length) return fields;
      if (l.charCodeAt(i) !== 0x2c) throw new CsvFallback(line);
      i++;
    } else {
      const comma = l.indexOf(',', i);
      const value = comma < 0 ? l.slice(i) : l.slice(i, comma);
      if (value.includes('"')) throw new CsvFallback(line);
      fields.push(value);
      if (comma < 0) return fields;
      i = comma + 1;
    }
  }
}
