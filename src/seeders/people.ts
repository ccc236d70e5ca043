import { rngFor, stableId } from './random.js';
import { DAY, LAST_SESSION_START, TIMELINE_END, TIMELINE_START, dayOf, timeOfDay } from './timeline.js';

export const DEMO_USER_COUNT = 300;

/** Who a demo learner is, before the journey simulation decides what they did. */
export interface UserProfile {
  readonly index: number;
  /** Deterministic id; the row that ends up in `users` may differ if the e-mail already existed. */
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly image: string | null;
  /** Most sign-ups verify their e-mail through the OTP they log in with; a few predate that flow. */
  readonly verifiesEmail: boolean;
  /** Virtual time (see timeline.ts) at which the sign-up visit starts. */
  readonly firstVisitAt: number;
}

/** Whitespace-separated words; keeps the long name lists compact. */
const words = (list: string): string[] => list.trim().split(/\s+/);

// A deliberately international mix, as on any online course platform.
const FIRST_NAMES = words(`
  Aarav Priya Rohan Ananya Vikram Sneha Karthik Divya Rahul Meera Arjun Kavya Ishaan Neha Aditya
  Pooja James Emily Michael Sarah David Olivia Daniel Sophie Thomas Hannah Lucas Chloé Mateo
  Lucía José Inés Wei Mei Hiroshi Yuki Min-jun Ji-woo Chinedu Amara Kwame Zainab Omar Layla Yusuf
  Fatima Lars Ingrid Mikael Freya Piotr Anna Tomáš Zoë Noah Ava Ethan Mia Gabriel Isabela Tiago
  Beatriz Elif Emre Nikhil Shreya Siddharth Tanvi Ravi Aisha
`);

const LAST_NAMES = words(`
  Sharma Patel Iyer Reddy Gupta Nair Menon Rao Singh Kapoor Banerjee Joshi Smith Johnson Williams
  Brown Taylor Anderson Clarke Walker Wright Hughes O'Brien Murphy García Fernández López
  Martínez Silva Santos Oliveira Costa Müller Schmidt Weber Dubois Lefèvre Moreau Rossi Bianchi
  Chen Wang Li Zhang Tanaka Sato Kim Park Nguyen Tran Okafor Adeyemi Mensah Haddad Khan Rahman
  Yılmaz Demir Novak Kowalski Dvořák Johansson Andersen Virtanen Cohen Levi Hoang Pillai Verma
  Kulkarni
`);

/** Lower-case ASCII for the e-mail's local part: drop accents, apostrophes and hyphens. */
const emailPart = (value: string): string =>
  value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ı/g, 'i')
    .replace(/[^a-z]/g, '');

/**
 * 300 learners with unique, lower-case e-mails on reserved example domains. Sign-ups grow over the
 * 150 days (recent days are busier), yet about a third of users are older than 90 days.
 */
export function buildUserProfiles(): UserProfile[] {
  const rng = rngFor('users');
  const taken = new Set<string>();
  const profiles: UserProfile[] = [];
  for (let index = 0; index < DEMO_USER_COUNT; index++) {
    // Redraw until the local part is new, so e-mails are unique whatever the domain.
    let first: string;
    let last: string;
    let localPart: string;
    do {
      first = rng.pick(FIRST_NAMES);
      last = rng.pick(LAST_NAMES);
      localPart = `${emailPart(first)}.${emailPart(last)}`;
    } while (taken.has(localPart));
    taken.add(localPart);

    const id = stableId(`user:${index}`);
    const domain = rng.chance(0.75) ? 'example.com' : 'example.org';
    // Skewed towards today: x ** 1.3 piles values near 0, i.e. near the end of the history.
    const age = (1 - rng.next()) ** 1.3 * (TIMELINE_END - TIMELINE_START);
    const firstVisitAt = Math.min(dayOf(TIMELINE_END - age) + timeOfDay(rng), LAST_SESSION_START - DAY / 4);
    profiles.push({
      index,
      id,
      name: `${first} ${last}`,
      email: `${localPart}@${domain}`,
      image: rng.chance(0.6) ? `https://i.pravatar.cc/256?u=${id}` : null,
      verifiesEmail: rng.chance(0.9),
      firstVisitAt: Math.max(firstVisitAt, TIMELINE_START),
    });
  }
  return profiles;
}
