import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import zlib from 'node:zlib';
import { expectingRefusals, networkGuardViolations } from '../../../test/network-guard.js';
import { lookupPostalCode, normalizePostalCode } from './index.js';

describe('postal codes from the bundled dataset', () => {
  // First in the file: the dataset is read once per process, so this is the test that loads it.
  it('loads the dataset without touching the network (the guard is active in this process)', async () => {
    await expectingRefusals(() => assert.rejects(fetch('http://192.0.2.1/'), /network guard/));
    const before = networkGuardViolations().length;
    assert.equal((await lookupPostalCode('1000001')).length, 1);
    assert.equal(networkGuardViolations().length, before);
  });

  it('fills known addresses', async () => {
    const one = async (code: string) => {
      const rows = await lookupPostalCode(code);
      assert.equal(rows.length, 1, code);
      return rows[0];
    };
    assert.deepEqual(await one('100-0001'), { prefecture: '東京都', city: '千代田区', town: '千代田' });
    assert.deepEqual(await one('251-0052'), { prefecture: '神奈川県', city: '藤沢市', town: '藤沢' });
    assert.deepEqual(await one('272-0034'), { prefecture: '千葉県', city: '市川市', town: '市川' });
    assert.deepEqual(await one('565-0862'), { prefecture: '大阪府', city: '吹田市', town: '津雲台' });
    // 政令市の区 and 郡 stay in the city part.
    assert.deepEqual(await one('060-0042'), { prefecture: '北海道', city: '札幌市中央区', town: '大通西' });
  });

  it("handles KEN_ALL's notes: 以下に掲載がない場合, 一円, parenthesised notes, rows split over lines", async () => {
    assert.deepEqual(await lookupPostalCode('0600000'), [{ prefecture: '北海道', city: '札幌市中央区', town: '' }]);
    assert.deepEqual(await lookupPostalCode('1000301'), [{ prefecture: '東京都', city: '利島村', town: '' }]);
    // 協和（８８−２、２７１−１０、…番地） spans two lines in KEN_ALL: one address, no note.
    assert.deepEqual(await lookupPostalCode('0660005'), [{ prefecture: '北海道', city: '千歳市', town: '協和' }]);
    // 小菅村の次に１～６６３番地がくる場合: the town is the village itself.
    assert.deepEqual(await lookupPostalCode('4090142'), [{ prefecture: '山梨県', city: '北都留郡小菅村', town: '' }]);
    // 一円 that is a real 大字 (多賀町一円) stays.
    assert.deepEqual(await lookupPostalCode('5220317'), [{ prefecture: '滋賀県', city: '犬上郡多賀町', town: '一円' }]);
  });

  it('returns every town of a code that has several, and codes spanning two cities or prefectures', async () => {
    const kasuga = await lookupPostalCode('452-0961');
    assert.equal(kasuga.length, 66);
    assert.ok(kasuga.every((r) => r.prefecture === '愛知県' && r.city === '清須市' && r.town.startsWith('春日')));
    assert.deepEqual(
      (await lookupPostalCode('498-0000')).map((r) => `${r.prefecture}${r.city}`),
      ['愛知県弥富市', '三重県桑名郡木曽岬町'],
    );
  });

  it('returns [] for a code that does not exist and for input that is not a code', async () => {
    assert.deepEqual(await lookupPostalCode('000-0000'), []);
    assert.deepEqual(await lookupPostalCode('999-9999'), []);
    for (const bad of ['', 'abc', '100-00011', '10-00001', '1000-001', '100 0001 2'])
      assert.deepEqual(await lookupPostalCode(bad), [], bad);
  });

  it('normalises what people type', async () => {
    for (const input of [
      '100-0001',
      '1000001',
      '〒100-0001',
      '〒 1000001',
      '１００－０００１',
      '１０００００１',
      '100ー0001',
      ' 100‐0001 ',
      '〒１００ー０００１',
    ]) {
      assert.equal(normalizePostalCode(input), '1000001', input);
    }
    for (const bad of ['', '100-000', '1000-001', '100--0001', '100-0001-', 'a100-0001', '12345678'])
      assert.equal(normalizePostalCode(bad), undefined, bad);
    assert.deepEqual(await lookupPostalCode('〒２５１－００５２'), [{ prefecture: '神奈川県', city: '藤沢市', town: '藤沢' }]);
  });

  it('gives each caller its own objects (the cache cannot be changed through a result)', async () => {
    const [a] = await lookupPostalCode('1000001');
    assert.ok(a);
    a.town = 'changed';
    assert.equal((await lookupPostalCode('1000001'))[0]?.town, '千代田');
  });

  it('bundles the whole of KEN_ALL with its notes cleaned', () => {
    const text = zlib.gunzipSync(fs.readFileSync(new URL('./dataset/ken-all.tsv.gz', import.meta.url))).toString('utf8');
    const rows = text.split('\n').filter((l) => /^\d{7}\t/.test(l));
    const codes = new Set(rows.map((l) => l.slice(0, 7)));
    assert.ok(codes.size > 120_000, `${codes.size} codes`);
    assert.ok(rows.length > 124_000, `${rows.length} rows`);
    const towns = rows.map((l) => l.split('\t')[2] ?? '');
    assert.deepEqual(
      towns.filter((t) => /[（）()]|以下に掲載がない場合|がくる場合/.test(t)),
      [],
    );
    assert.equal(towns.filter((t) => t.endsWith('一円') && t !== '一円').length, 0);
  });
});
