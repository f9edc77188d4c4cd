// Events between features that must not import each other: one feature says something changed,
// another (the tab badges) listens. Plain DOM events on window, so neither knows the other.

/** Incoming contact requests were answered on this device: their count changed. */
export const CONTACT_REQUESTS_CHANGED = 'atrium:contact-requests-changed';

export function announce(event: typeof CONTACT_REQUESTS_CHANGED): void {
  dispatchEvent(new Event(event));
}
