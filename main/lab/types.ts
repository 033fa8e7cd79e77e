/**
 * The identity lab's people, their devices and who they are to each bot: types only, re-exported
 * to the workbench UI by the contract.
 */
import type { ChannelType } from '../platform/model.ts';

/** A device a Person uses; its web browser can be one of the open profiles. */
export interface PersonDevice {
  id: string;
  /** e.g. "Phone", "Laptop". */
  name: string;
  /** The profile that is this device's web browser, or null. */
  profileId: string | null;
}

/** The simulated authenticated channels a Person can be given (`web` is the widget in a device's profile). */
export type PersonChannel = ChannelType;

/**
 * Someone in the identity lab: one human with devices and accounts. Their Telegram-like user id
 * is theirs everywhere; their Messenger-like account gets a different page-scoped ID per page.
 */
export interface Person {
  id: string;
  name: string;
  /** The Telegram-like provider's user id for this person: digits, stable across devices and bots. */
  telegramUserId: string;
  /** The Messenger-like provider's account id; never sent to bots (they get page-scoped IDs). */
  messengerAccountId: string;
  channels: PersonChannel[];
  devices: PersonDevice[];
  createdAt: number;
}

/** One cell of a person's identity matrix: who this person is to one bot, on one channel, from one device. */
export interface PersonIdentity {
  personId: string;
  deviceId: string;
  channel: PersonChannel;
  botId: string;
  /** null: no Channel ID yet (web: no linked profile on this bot, or it has not connected). */
  channelId: string | null;
  responsePath: string | null;
  /** Where the ID comes from: the channel's provider, the device's browser profile, or nowhere yet. */
  source: 'provider' | 'profile' | 'none';
}

export interface PersonSendInput {
  personId: string;
  deviceId: string;
  channel: 'telegram' | 'messenger';
  botId: string;
  text: string;
}

/** What the provider's POST to the platform answered, and who the person is to the bot. */
export interface PersonSendResult {
  channel: 'telegram' | 'messenger';
  botId: string;
  channelId: string;
  responsePath: string;
  /** True the first time this person wrote to this bot on this channel. */
  created: boolean;
  /** HTTP status the platform answered the provider with. */
  status: number;
}
