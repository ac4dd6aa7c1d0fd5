/**
 * The demo module's personal data (privacy register, src/platform/personal-data.ts): none. Its one table
 * records which modules' demo data was seeded; the demo mailbox reads the stand-in mail server's memory,
 * not the database. The synthetic people the seeds create are declared by the modules that store them.
 */
import type { PersonalDataRegister } from '../../platform/personal-data.js';

export const demoPersonalData: PersonalDataRegister = {
  module: 'demo',
  tables: [],
  nonPersonalTables: [{ table: 'demo_seeds', why: 'Which modules have seeded their demo data, and when.' }],
  items: [],
  async scopes() {
    return [];
  },
};
