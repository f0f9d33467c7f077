// Demo and test data (dev mode): two prisons (one in Wales), sessions every day, prisoners, families, staff, a kiosk.
import type { Kysely } from 'kysely';
import type { DB, SessionTemplatesTable, Store } from './db.js';
import { addDays, dateIn } from './time.js';

export const SEED = {
  prisons: { northmoor: 'NMI', glanrhyd: 'GLR' },
  prisoners: {
    a1234bc: 'prs-A1234BC',
    c3456de: 'prs-C3456DE',
    b2345cd: 'prs-B2345CD',
    d4567ef: 'prs-D4567EF',
  },
  users: {
    sam: { id: 'usr-sam', email: 'sam@example.org' },
    ceri: { id: 'usr-ceri', email: 'ceri@example.org' },
    staffNmi: { id: 'usr-staff-nmi', email: 'staff.nmi@example.org' },
    staffGlr: { id: 'usr-staff-glr', email: 'staff.glr@example.org' },
  },
  links: { samA1234BC: 'lnk-sam-A1234BC', samPending: 'lnk-sam-C3456DE', ceriB2345CD: 'lnk-ceri-B2345CD' },
  linkVisitors: { lily: 'vis-lily-taylor', jo: 'vis-jo-taylor', owen: 'vis-owen-jones' },
  kiosk: { A1234BC: 'KIOSK-A1234BC', B2345CD: 'KIOSK-B2345CD' },
} as const;

/** Inserts the seed data (idempotent: existing rows are left alone). */
export async function seed(store: Store | { store: Store }, now = new Date()): Promise<typeof SEED> {
  const db: Kysely<DB> = ('db' in store ? store : store.store).db;
  const created = now.toISOString();
  const today = dateIn(now, 'Europe/London');
  const periodEnds = addDays(today, 27);
  await db
    .insertInto('prisons')
    .values([
      {
        code: 'NMI',
        name: 'HMP Northmoor',
        timezone: 'Europe/London',
        visit_types: JSON.stringify(['video', 'in-person']),
        max_total: 3,
        max_adults: 3,
        max_children: 2,
        adult_age: 18,
        min_notice_days: 0,
        max_notice_days: 28,
      },
      {
        code: 'GLR',
        name: 'HMP Glanrhyd',
        timezone: 'Europe/London',
        visit_types: JSON.stringify(['video', 'in-person']),
        max_total: 4,
        max_adults: 2,
        max_children: 3,
        adult_age: 18,
        min_notice_days: 1,
        max_notice_days: 28,
      },
    ])
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
  const prisoner = (
    id: string,
    number: string,
    first: string,
    last: string,
    dob: string,
    prison: string,
    extra: { closed?: number; review?: number } = {},
  ) => ({
    id,
    prison_number: number,
    first_name: first,
    last_name: last,
    date_of_birth: dob,
    prison_code: prison,
    allowance_per_period: 8,
    allowance_remaining: 8,
    allowance_period_days: 28,
    period_ends: periodEnds,
    closed_visits: extra.closed ?? 0,
    review_required: extra.review ?? 0,
  });
  await db
    .insertInto('prisoners')
    .values([
      prisoner(SEED.prisoners.a1234bc, 'A1234BC', 'John', 'Smith', '1985-06-15', 'NMI'),
      prisoner(SEED.prisoners.c3456de, 'C3456DE', 'Mark', 'Brown', '1979-11-02', 'NMI', { review: 1 }),
      prisoner(SEED.prisoners.b2345cd, 'B2345CD', 'Dafydd', 'Evans', '1990-02-20', 'GLR'),
      prisoner(SEED.prisoners.d4567ef, 'D4567EF', 'Rhys', 'Morgan', '1988-08-08', 'GLR', { closed: 1 }),
    ])
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  const user = (
    id: string,
    role: 'visitor' | 'staff',
    email: string,
    first: string,
    last: string,
    dob: string | null,
    language: 'en' | 'cy',
    prison: string | null,
  ) => ({
    id,
    role,
    email,
    first_name: first,
    last_name: last,
    date_of_birth: dob,
    phone: null,
    language,
    prison_code: prison,
    created_at: created,
  });
  await db
    .insertInto('users')
    .values([
      user(SEED.users.sam.id, 'visitor', SEED.users.sam.email, 'Sam', 'Taylor', '1982-03-12', 'en', null),
      user(SEED.users.ceri.id, 'visitor', SEED.users.ceri.email, 'Ceri', 'Jones', '1987-09-30', 'cy', null),
      user(SEED.users.staffNmi.id, 'staff', SEED.users.staffNmi.email, 'Alex', 'Morgan', null, 'en', 'NMI'),
      user(SEED.users.staffGlr.id, 'staff', SEED.users.staffGlr.email, 'Rhian', 'Price', null, 'cy', 'GLR'),
    ])
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  const link = (
    id: string,
    userId: string,
    prisonerId: string | null,
    prison: string,
    number: string,
    first: string,
    last: string,
    dob: string,
    rel: string,
    status: 'approved' | 'requested',
  ) => ({
    id,
    user_id: userId,
    prisoner_id: prisonerId,
    prison_code: prison,
    claimed_prison_number: number,
    claimed_first_name: first,
    claimed_last_name: last,
    claimed_date_of_birth: dob,
    relationship: rel,
    status,
    rejection_reason: null,
    closed_visits: 0,
    banned_until: null,
    created_at: created,
    decided_at: status === 'approved' ? created : null,
    decided_by: status === 'approved' ? SEED.users.staffNmi.id : null,
  });
  await db
    .insertInto('links')
    .values([
      link(
        SEED.links.samA1234BC,
        SEED.users.sam.id,
        SEED.prisoners.a1234bc,
        'NMI',
        'A1234BC',
        'John',
        'Smith',
        '1985-06-15',
        'partner',
        'approved',
      ),
      link(
        SEED.links.samPending,
        SEED.users.sam.id,
        SEED.prisoners.c3456de,
        'NMI',
        'C3456DE',
        'Mark',
        'Brown',
        '1979-11-02',
        'brother',
        'requested',
      ),
      link(
        SEED.links.ceriB2345CD,
        SEED.users.ceri.id,
        SEED.prisoners.b2345cd,
        'GLR',
        'B2345CD',
        'Dafydd',
        'Evans',
        '1990-02-20',
        'sister',
        'approved',
      ),
    ])
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  const lv = (id: string, linkId: string, first: string, last: string, dob: string, rel: string) => ({
    id,
    link_id: linkId,
    first_name: first,
    last_name: last,
    date_of_birth: dob,
    relationship: rel,
    status: 'approved' as const,
    banned_until: null,
    lead: 0,
    created_at: created,
    decided_at: created,
    decided_by: null,
  });
  await db
    .insertInto('link_visitors')
    .values([
      lv(SEED.linkVisitors.lily, SEED.links.samA1234BC, 'Lily', 'Taylor', '2016-05-01', 'daughter'),
      lv(SEED.linkVisitors.jo, SEED.links.samA1234BC, 'Jo', 'Taylor', '1958-01-20', 'mother'),
      lv(SEED.linkVisitors.owen, SEED.links.ceriB2345CD, 'Owen', 'Jones', '2014-07-11', 'nephew'),
    ])
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  const templates: SessionTemplatesTable[] = [];
  const add = (prison: string, type: 'video' | 'in-person', start: string, end: string, capacity: number) => {
    for (let day = 0; day < 7; day++)
      templates.push({
        id: `tpl-${prison.toLowerCase()}-${type === 'video' ? 'v' : 'p'}-${day}-${start.replace(':', '')}`,
        prison_code: prison,
        type,
        day_of_week: day,
        start_time: start,
        end_time: end,
        valid_from: '2024-01-01',
        valid_to: null,
        capacity,
        active: 1,
        created_at: created,
        legal: 0,
      });
  };
  add('NMI', 'video', '09:30', '10:00', 4);
  add('NMI', 'video', '14:00', '14:30', 4);
  add('NMI', 'video', '19:00', '19:30', 2);
  add('NMI', 'in-person', '14:00', '16:00', 10);
  add('GLR', 'video', '10:00', '10:30', 3);
  add('GLR', 'video', '15:00', '15:30', 3);
  add('GLR', 'in-person', '13:30', '15:30', 8);
  // a legal visit session (a solicitor's video visit): never monitored; booking it needs the firm
  for (let day = 1; day <= 5; day++)
    templates.push({
      id: `tpl-nmi-legal-${day}-1100`,
      prison_code: 'NMI',
      type: 'video',
      day_of_week: day,
      start_time: '11:00',
      end_time: '12:00',
      valid_from: '2024-01-01',
      valid_to: null,
      capacity: 2,
      active: 1,
      created_at: created,
      legal: 1,
    });
  await db
    .insertInto('session_templates')
    .values(templates)
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  const far = '2999-12-31T00:00:00.000Z';
  await db
    .insertInto('devices')
    .values([
      {
        id: 'dev-kiosk-A1234BC',
        prisoner_id: SEED.prisoners.a1234bc,
        label: 'Wing B kiosk',
        pairing_code: SEED.kiosk.A1234BC,
        pairing_expires_at: far,
        reusable: 1,
        paired_at: null,
        created_by: 'seed',
        created_at: created,
      },
      {
        id: 'dev-kiosk-B2345CD',
        prisoner_id: SEED.prisoners.b2345cd,
        label: 'Tablet (Glanrhyd)',
        pairing_code: SEED.kiosk.B2345CD,
        pairing_expires_at: far,
        reusable: 1,
        paired_at: null,
        created_by: 'seed',
        created_at: created,
      },
    ])
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  return SEED;
}
