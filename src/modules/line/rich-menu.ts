/**
 * The rich menu as code: layout here, image next to it (rich-menu.png, 2500×843). `madoguchi line
 * rich-menu deploy` creates it, uploads the image, makes it the default and deletes older menus of
 * the same name, so re-running replaces the menu (idempotent).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { messagingApi } from '@line/bot-sdk';
import type { Config } from '../../config.js';
import type { CliCommand } from '../../platform/cli-command.js';
import { postback } from './conversation.js';
import { blobClient, messagingClient } from './line-api.js';
import { richMenuMessages } from './rich-menu.messages.js';

export const RICH_MENU_NAME = 'madoguchi-main';
export const richMenuImagePath = path.join(path.dirname(fileURLToPath(import.meta.url)), 'rich-menu.png');

/** Three equal areas: book, my bookings, how to use. */
export function richMenuDefinition(config: Config): messagingApi.RichMenuRequest {
  const third = Math.floor(2500 / 3);
  const myPage = config.line.liffId ? `https://liff.line.me/${config.line.liffId}/line/my` : undefined;
  // one menu for every user of the channel, in Japanese like its image (rich-menu.png)
  const t = richMenuMessages.in('ja');
  return {
    size: { width: 2500, height: 843 },
    selected: true,
    name: RICH_MENU_NAME,
    chatBarText: t('chatBar'),
    areas: [
      {
        bounds: { x: 0, y: 0, width: third, height: 843 },
        action: { type: 'postback', label: t('book'), data: postback.book, displayText: t('book') },
      },
      {
        bounds: { x: third, y: 0, width: third, height: 843 },
        action: myPage
          ? { type: 'uri', label: t('myBookings'), uri: myPage }
          : { type: 'postback', label: t('myBookings'), data: postback.myBookings, displayText: t('myBookingsSaid') },
      },
      {
        bounds: { x: third * 2, y: 0, width: 2500 - third * 2, height: 843 },
        action: { type: 'postback', label: t('help'), data: postback.help, displayText: t('help') },
      },
    ],
  } as messagingApi.RichMenuRequest;
}

export async function deployRichMenu(config: Config): Promise<{ richMenuId: string; deleted: string[] }> {
  const api = messagingClient(config);
  const before = await api.getRichMenuList();
  const { richMenuId } = await api.createRichMenu(richMenuDefinition(config));
  await blobClient(config).setRichMenuImage(richMenuId, new Blob([fs.readFileSync(richMenuImagePath)], { type: 'image/png' }));
  await api.setDefaultRichMenu(richMenuId);
  const deleted: string[] = [];
  for (const m of before.richmenus ?? []) {
    if (m.name === RICH_MENU_NAME && m.richMenuId !== richMenuId) {
      await api.deleteRichMenu(m.richMenuId);
      deleted.push(m.richMenuId);
    }
  }
  return { richMenuId, deleted };
}

export const richMenuDeployCommand: CliCommand = {
  name: 'line rich-menu deploy',
  summary: 'Create the LINE rich menu from code, upload its image and make it the default (replaces the previous one)',
  async run(ctx, _input, io) {
    const r = await deployRichMenu(ctx.config);
    io.out(`rich menu ${r.richMenuId} is now the default${r.deleted.length ? `; replaced ${r.deleted.join(', ')}` : ''}`);
  },
};
