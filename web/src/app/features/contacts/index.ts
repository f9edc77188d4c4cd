// What the contacts feature offers other features (architecture.test.ts lets them import nothing
// else of it): its API calls (notifications count requests) and the contact link parser for Scan.
export { ContactsApi } from './api';
export { contactLinkTokenOf } from './contact-links';
