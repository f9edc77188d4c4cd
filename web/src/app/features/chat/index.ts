// What the chat feature offers other features (architecture.test.ts lets them import nothing
// else of it): the engine and muted chats for notifications, its API calls, and the safety
// number code's parser for Discover → Scan, and the count of this device's history (the logout warning).
export { ChatApi } from './api';
export { useEngine, useMutedChats } from './chat-context';
export type { ChatEngine } from './engine/engine';
export type { ChatMessage } from './engine/messages';
export type { MutedChats } from './mute/muted-chats';
export { parseSafetyQr } from './trust/safety-qr-code';
export { deviceHistoryCounts, type HistoryCounts } from './transfer/history-counts';
