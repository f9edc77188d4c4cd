// This device's chat database for the trust screens (verification marks, backup), opened by the
// screens themselves so they work whether or not the chat engine has started in this tab.
import { chatDatabaseName, indexedDbLocalDb, type LocalDb } from '../../../store/local-db';

let opened: { deviceId: string; db: LocalDb } | undefined;

export function deviceDb(deviceId: string): LocalDb {
  if (opened?.deviceId !== deviceId) opened = { deviceId, db: indexedDbLocalDb(chatDatabaseName(deviceId)) };
  return opened.db;
}
