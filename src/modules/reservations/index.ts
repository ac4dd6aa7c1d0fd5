/**
 * Reservations module: bookable services, availability, booking / change / cancel (web, API, staff
 * proxy and — later — LINE share these operations), notices, My Page, staff console, CSV export,
 * retention. Other modules use only these exports:
 *
 * - `bookSlot(ctx, input)`, `cancelReservation(ctx, input)`: the booking operations, free of HTTP;
 *   `channel` is 'web' | 'phone' | 'line', `lineUserId` optional, `lang` the language of its notices.
 * - `getAvailability(ctx, serviceId, { from, to, now })`, `monthCalendar(...)`: cached availability.
 * - `registerLineNoticeSender(ctx, fn)`: deliver that context's notices of LINE bookings by LINE
 *   (else e-mail); call it from a module's `attach(ctx)`.
 * - `listServices`, `displayNumber`, `STATUS_LABELS`, `noticeMessages`, `myPageUrl` (Japan time is in
 *   platform/japan-time.ts).
 * - The seat engine (seat-engine.ts) for the card booking site's pickup locations: services of kind
 *   'card_pickup', multi-seat bookings, closures; `monthCalendar` / `getAvailability` serve them too.
 */
import type { Module } from '../../platform/module.js';
import { registerApiRoutes } from './api.routes.js';
import { seedReservationsDemo } from './demo-seed.js';
import { myPageLinkJob } from './my-page-link.js';
import { noticeJob } from './notices.js';
import { retentionJob } from './retention.js';
import { registerBookingPages } from './citizen/index.js';
import { registerMyPages } from './citizen/my-pages.js';
import { registerStaffPages } from './staff/index.js';
import { registerStaffNav } from '../staff/index.js';
import { flushAnnouncements } from './availability-announcer.js';
import { listenForAvailability } from './availability-listener.js';
import { reservationMessages } from './messages.js';
import { reservationsPersonalData } from './personal-data.js';

export { bookSlot } from './book-slot.js';
export { cancelReservation } from './cancel-reservation.js';
export { getAvailability, monthCalendar, nextMonth, prevMonth } from './availability.js';
export { registerLineNoticeSender, myPageUrl, type NoticeSender } from './notices.js';
export { noticeMessages } from './notices.messages.js';
export { listServices } from './services.repository.js';
export { displayNumber } from './reservation-number.js';
export { STATUS_LABELS } from './staff-queries.js';
export {
  addPickupException,
  createPickupService,
  listPickupExceptions,
  pickupSlotChanged,
  releasePickupSeats,
  removePickupException,
  resolvePickupSlot,
  takePickupSeats,
  updatePickupService,
  type PickupException,
} from './seat-engine.js';

export const reservationsModule: Module = {
  name: 'reservations',
  register(app, ctx) {
    // other web processes' bookings refresh this process's calendars at once (PostgreSQL)
    const listener = listenForAvailability(ctx);
    app.addHook('onClose', async () => {
      await flushAnnouncements(ctx); // this process's last seat changes, before the database closes
      await listener.close();
    });
    registerApiRoutes(app, ctx);
    registerBookingPages(app, ctx);
    registerMyPages(app, ctx);
    registerStaffPages(app, ctx);
    registerStaffNav(app, { key: 'reservations', href: '/staff/reservations', label: reservationMessages.text('navLabel'), order: 10 });
  },
  jobs: [noticeJob, retentionJob, myPageLinkJob],
  seedDemo: seedReservationsDemo,
  personalData: reservationsPersonalData,
};
