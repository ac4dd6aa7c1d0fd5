/**
 * The citizen booking screens, one file per screen: service list → calendar → times of a day →
 * details form → check → book (then My Page shows the booking with its number and QR code).
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../platform/context.js';
import { registerBookConfirmPage } from './book-confirm.page.js';
import { registerBookFormPage } from './book-form.page.js';
import { registerDayTimesPage } from './day-times.page.js';
import { registerOtherTimesPage } from './other-times.page.js';
import { registerServiceCalendarPage } from './service-calendar.page.js';
import { registerServiceListPage } from './service-list.page.js';

export function registerBookingPages(app: FastifyInstance, ctx: AppContext): void {
  registerServiceListPage(app, ctx);
  registerServiceCalendarPage(app, ctx);
  registerDayTimesPage(app, ctx);
  registerBookFormPage(app, ctx);
  registerOtherTimesPage(app, ctx);
  registerBookConfirmPage(app, ctx);
}
