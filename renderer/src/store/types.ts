import type { StateCreator } from 'zustand';
import type { WorkbenchClient } from '../../../main/api/contract.ts';
import type { BinsSlice } from './bins-slice.ts';
import type { BotsSlice } from './bots-slice.ts';
import type { ComposerSlice } from './composer-slice.ts';
import type { FindingsSlice } from './findings-slice.ts';
import type { FlowsSlice } from './flows-slice.ts';
import type { LogSlice } from './log-slice.ts';
import type { PersonsSlice } from './persons-slice.ts';
import type { ProfilesSlice } from './profiles-slice.ts';
import type { RecordingSlice } from './recording-slice.ts';
import type { ScenariosSlice } from './scenarios-slice.ts';
import type { UsersSlice } from './users-slice.ts';
import type { WebhooksSlice } from './webhooks-slice.ts';
import type { WorkbenchSlice } from './workbench-slice.ts';
import type { WorkspaceSlice } from './workspace-slice.ts';

/** The whole store: every slice, and the client its actions call. */
export type AppState = { client: WorkbenchClient } & WorkbenchSlice &
  BotsSlice &
  ProfilesSlice &
  PersonsSlice &
  UsersSlice &
  LogSlice &
  WebhooksSlice &
  ComposerSlice &
  FlowsSlice &
  FindingsSlice &
  BinsSlice &
  ScenariosSlice &
  RecordingSlice &
  WorkspaceSlice;

export type SliceCreator<T> = StateCreator<AppState, [], [], T>;
