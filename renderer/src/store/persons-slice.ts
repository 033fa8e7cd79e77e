import type { Person, PersonChannel, PersonIdentity, PersonSendInput, PersonSendResult } from '../../../main/api/contract.ts';
import type { Message } from '../../../main/platform/model.ts';
import { attempt } from './attempt.ts';
import type { SliceCreator } from './types.ts';
import { mergeMessages } from './users-slice.ts';

/** The conversation the People screen shows: where the person's last message landed. */
export interface PersonChat {
  responsePath: string;
  messages: Message[];
}

export interface PersonsSlice {
  persons: Person[];
  /** Every cell of every person's identity matrix, as main computed it. */
  personIdentities: PersonIdentity[];
  selectedPersonId: string | null;
  personChat: PersonChat | null;
  /** The bots the People screen's matrix shows; null: all of them. */
  peopleBotIds: string[] | null;
  setPeopleBotIds(botIds: string[] | null): void;
  loadPersons(): Promise<void>;
  /** Asks main for the identity cells again; calls made while one is under way collapse into one more. */
  refreshPersonIdentities(): Promise<void>;
  selectPerson(id: string | null): void;
  createPerson(name: string): Promise<Person | null>;
  updatePerson(id: string, change: { name?: string; channels?: PersonChannel[] }): Promise<Person | null>;
  deletePerson(id: string): Promise<void>;
  addPersonDevice(personId: string, name: string, profileId: string | null): Promise<Person | null>;
  updatePersonDevice(personId: string, deviceId: string, change: { name?: string; profileId?: string | null }): Promise<Person | null>;
  removePersonDevice(personId: string, deviceId: string): Promise<void>;
  /** The person writes on a simulated channel; the chat then shows that conversation. */
  sendAsPerson(input: PersonSendInput): Promise<PersonSendResult | null>;
  showPersonChat(responsePath: string | null): Promise<void>;
  applyPersons(persons: Person[]): void;
  applyPersonMessage(message: Message): void;
}

export const createPersonsSlice: SliceCreator<PersonsSlice> = (set, get) => {
  let running: Promise<void> | null = null;
  let again = false;
  const fetchIdentities = async (): Promise<void> => {
    do {
      again = false;
      await attempt(
        get,
        'Could not read who each person is to the bots',
        async () => set({ personIdentities: get().persons.length === 0 ? [] : await get().client.call('persons.identities', {}) }),
        undefined,
      );
    } while (again);
  };

  return {
    persons: [],
    personIdentities: [],
    selectedPersonId: null,
    personChat: null,
    peopleBotIds: null,
    setPeopleBotIds: (botIds) => set({ peopleBotIds: botIds }),
    loadPersons: () =>
      attempt(
        get,
        'Could not load the people of the identity lab',
        async () => get().applyPersons(await get().client.call('persons.list')),
        undefined,
      ),
    refreshPersonIdentities: () => {
      if (running) {
        again = true;
        return running;
      }
      running = fetchIdentities().finally(() => {
        running = null;
      });
      return running;
    },
    selectPerson: (id) => set({ selectedPersonId: id, personChat: null }),
    // Main answers a change with the changed person and also pushes the whole list as a `persons` event.
    createPerson: async (name) => {
      const person = await attempt(get, 'The person was not added', () => get().client.call('persons.create', { name }), null);
      if (person) {
        get().applyPersons([...get().persons.filter((p) => p.id !== person.id), person]);
        set({ selectedPersonId: person.id, personChat: null });
      }
      return person;
    },
    updatePerson: async (id, update) => {
      const person = await attempt(get, 'The person was not changed', () => get().client.call('persons.update', { id, ...update }), null);
      if (person) get().applyPersons(get().persons.map((p) => (p.id === id ? person : p)));
      return person;
    },
    deletePerson: async (id) => {
      const deleted = await attempt(get, 'The person was not removed', () => get().client.call('persons.delete', { id }), null);
      if (deleted) get().applyPersons(get().persons.filter((p) => p.id !== id));
    },
    addPersonDevice: async (personId, name, profileId) => {
      const person = await attempt(
        get,
        'The device was not added',
        () => get().client.call('persons.addDevice', { personId, name, profileId }),
        null,
      );
      if (person) get().applyPersons(get().persons.map((p) => (p.id === personId ? person : p)));
      return person;
    },
    updatePersonDevice: async (personId, deviceId, update) => {
      const person = await attempt(
        get,
        'The device was not changed',
        () => get().client.call('persons.updateDevice', { personId, deviceId, ...update }),
        null,
      );
      if (person) get().applyPersons(get().persons.map((p) => (p.id === personId ? person : p)));
      return person;
    },
    removePersonDevice: async (personId, deviceId) => {
      const person = await attempt(get, 'The device was not removed', () => get().client.call('persons.removeDevice', { personId, deviceId }), null);
      if (person) get().applyPersons(get().persons.map((p) => (p.id === personId ? person : p)));
    },
    sendAsPerson: async (input) => {
      const result = await attempt(get, 'The message was not delivered', () => get().client.call('persons.send', input), null);
      if (result) {
        await get().showPersonChat(result.responsePath);
        void get().refreshPersonIdentities();
      }
      return result;
    },
    showPersonChat: async (responsePath) => {
      if (responsePath === null) {
        set({ personChat: null });
        return;
      }
      if (get().personChat?.responsePath !== responsePath) set({ personChat: { responsePath, messages: [] } });
      const messages = await attempt(get, 'Could not load the conversation', () => get().client.call('users.transcript', { responsePath }), null);
      if (messages === null) return;
      set((state) =>
        state.personChat?.responsePath === responsePath
          ? { personChat: { responsePath, messages: mergeMessages(messages, state.personChat.messages) } }
          : {},
      );
    },
    applyPersons: (persons) => {
      // A change is applied from its answer and again from the `persons` event: the second brings nothing new to fetch.
      if (JSON.stringify(persons) === JSON.stringify(get().persons)) return;
      const selected = get().selectedPersonId;
      set({ persons, selectedPersonId: persons.some((p) => p.id === selected) ? selected : (persons[0]?.id ?? null) });
      void get().refreshPersonIdentities();
    },
    applyPersonMessage: (message) =>
      set((state) =>
        state.personChat?.responsePath === message.responsePath
          ? { personChat: { responsePath: message.responsePath, messages: mergeMessages(state.personChat.messages, [message]) } }
          : {},
      ),
  };
};
