import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { simpleParser } from 'mailparser';
import { loadConfig } from '../config.js';
import { createMailer } from './mailer.js';
import { startSmtpStandin, type SmtpStandin } from './smtp-standin.js';

describe('outgoing mail identity', () => {
  let smtp: SmtpStandin | undefined;
  after(async () => smtp?.close());

  it("gives each message a Message-ID at the installation's mail domain, different across installations", async () => {
    smtp = await startSmtpStandin();
    // Two installations (e.g. two cities, or staging and production) whose job ids both start at 1; the first
    // sends its message twice (a job rerun after its commit was lost), under the same Message-ID.
    const cityA = loadConfig({ MADOGUCHI_ENV: 'test', SMTP_URL: smtp.url, MAIL_FROM: '予約窓口 <yoyaku@city-a.example.lg.jp>' });
    const cityB = loadConfig({ MADOGUCHI_ENV: 'test', SMTP_URL: smtp.url, PUBLIC_BASE_URL: 'https://yoyaku.city-b.example.jp' });
    for (const config of [cityA, cityA, cityB])
      await createMailer(config).send({ to: 'taro@example.jp', subject: 'ご予約', text: '本文', messageId: 'notice-1@madoguchi' });
    assert.equal(smtp.messages.length, 3);
    const ids = smtp.messages.map((m) => m.messageId);
    assert.match(ids[0]!, /^<notice-1\.[A-Za-z0-9]{20,}@city-a\.example\.lg\.jp>$/);
    assert.equal(ids[1], ids[0]);
    assert.match(ids[2]!, /^<notice-1\.[A-Za-z0-9]{20,}@yoyaku\.city-b\.example\.jp>$/);
    assert.equal(new Set(ids).size, 2);
    assert.match(smtp.messages[0]!.from, /yoyaku@city-a\.example\.lg\.jp/);
    assert.match(smtp.messages[2]!.from, /madoguchi@yoyaku\.city-b\.example\.jp/);
  });

  it('writes a Message-ID that a strict parser reads back unchanged', async () => {
    const raw = await (async () => {
      const nodemailer = (await import('nodemailer')).default;
      const t = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'crlf' });
      const { newMessageId } = await import('./mailer.js');
      const id = newMessageId('card-completion-3f1c@madoguchi', 'city.example.lg.jp');
      const info = await t.sendMail({ from: 'a@city.example.lg.jp', to: 'b@example.jp', subject: 's', text: 't', messageId: id });
      return { id, message: info.message as Buffer };
    })();
    const parsed = await simpleParser(raw.message);
    assert.equal(parsed.messageId, raw.id);
    assert.match(raw.id, /^<card-completion-3f1c\.[A-Za-z0-9]+@city\.example\.lg\.jp>$/);
  });

  it('gives a rerun the same Message-ID and another message another one', async () => {
    const { newMessageId } = await import('./mailer.js');
    const a = newMessageId('notice-41-m2x1k@madoguchi', 'city.example.lg.jp');
    assert.equal(newMessageId('notice-41-m2x1k@madoguchi', 'city.example.lg.jp'), a);
    assert.notEqual(newMessageId('notice-41-m2x1l@madoguchi', 'city.example.lg.jp'), a, 'the same job id issued again after a restore');
    assert.notEqual(newMessageId('notice-41-m2x1k@madoguchi', 'city-b.example.jp'), a, 'another installation');
  });
});
