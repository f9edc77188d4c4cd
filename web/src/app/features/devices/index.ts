// What the devices feature offers other features (architecture.test.ts lets them import nothing
// else of it): logging in by another device and the new device's name for the sign-in screen,
// and the device link parser for Discover → Scan.
export { LinkLoginPanel } from './LinkLoginPanel';
export { deviceLinkCodeOf } from './device-links';
export { deviceNameFor } from './device-name';
