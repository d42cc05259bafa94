// wangban: the browser (and Node) package of Wangban. See README.md.

export { openProfile, deleteProfile, Profile } from './profile.js';
export type { OpenProfileOptions, EngineOptions, ProfileEvents } from './profile.js';
export { Draft, applyChange } from './draft.js';
export type { DraftEvents, AttachOptions, FileBytes } from './draft.js';
export { SyncClient } from './sync.js';
export type { SyncEvents, UploadProgress } from './sync.js';
export { Consultations, Appointments, Ratings, Cases, Uploads } from './services.js';
export type { SlotQuery, SupplementInput, UploadOptions } from './services.js';
export { WangbanError, isWangbanError } from './errors.js';
export type { Lang, LocalizedText, FieldError, WangbanErrorInit } from './errors.js';
export { ERROR_CODES, isErrorCode } from './error_codes.js';
export type { ErrorCode, ErrorNumber } from './error_codes.js';
export type { OnBusy } from './locks.js';
export type { StorageOptions } from './storage.js';
export type { ModuleOptions } from './wasm.js';
export type { FetchLike } from './transport.js';
export { requestPersistence } from './storage.js';
export * from './types.js';
