// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { PersonIdentity } from '../../../../main/api/contract.ts';
import { PeopleScreen } from '../../../../renderer/src/screens/people/PeopleScreen.tsx';
import { FakeClient } from '../../../mocks/fake-client.ts';
import { BOT_ID, makeBot, makeMessage, makePerson, makeProfile } from '../../fixtures.ts';
import { renderWithStore } from '../../render.ts';

const path = `${BOT_ID}/c/123456789`;
const identities: PersonIdentity[] = [
  { personId: 'ada', deviceId: 'phone', channel: 'web', botId: BOT_ID, channelId: 'n_phone', responsePath: `${BOT_ID}/c/n_phone`, source: 'profile' },
  {
    personId: 'ada',
    deviceId: 'laptop',
    channel: 'web',
    botId: BOT_ID,
    channelId: 'n_laptop',
    responsePath: `${BOT_ID}/c/n_laptop`,
    source: 'profile',
  },
  ...(['phone', 'laptop'] as const).flatMap((deviceId): PersonIdentity[] => [
    { personId: 'ada', deviceId, channel: 'telegram', botId: BOT_ID, channelId: '123456789', responsePath: path, source: 'provider' },
    { personId: 'ada', deviceId, channel: 'messenger', botId: BOT_ID, channelId: '5555', responsePath: `${BOT_ID}/c/5555`, source: 'provider' },
  ]),
];

async function renderPeople(client: FakeClient) {
  const result = renderWithStore(<PeopleScreen />, client);
  await act(async () => {
    result.store.getState().applyBot(makeBot());
    await result.store.getState().loadPersons();
    await result.store.getState().refreshPersonIdentities();
  });
  return result;
}

describe('<PeopleScreen>', () => {
  it('tells what to do when there is no one yet, and adds a person', async () => {
    const client = new FakeClient({ 'persons.create': ({ name }) => makePerson({ name, devices: [] }) });
    await renderPeople(client);
    expect(screen.getByText('Who is this visitor, really?')).toBeTruthy();
    fireEvent.change(screen.getByTestId('person-create-name'), { target: { value: ' Ada ' } });
    await act(async () => fireEvent.click(screen.getByTestId('person-create')));
    expect(client.paramsOf('persons.create')).toEqual([{ name: 'Ada' }]);
    expect(screen.getByTestId('person-name').textContent).toBe('Ada');
    expect(screen.getByText('Add a device to fill the matrix.')).toBeTruthy();
  });

  it('shows who the person is on each channel from each device, equal IDs sharing a letter', async () => {
    await renderPeople(new FakeClient({ 'persons.list': () => [makePerson()], 'persons.identities': () => identities }));
    const rows = within(screen.getByTestId('person-matrix')).getAllByTestId('person-matrix-row');
    const read = (row: HTMLElement) => [
      row.dataset.channel,
      within(row)
        .getAllByTestId('person-matrix-cell')
        .map((c) => `${c.dataset.group} ${c.querySelector('code')?.textContent ?? '—'}`),
      within(row).getByTestId('person-matrix-verdict').textContent,
    ];
    expect(rows.map(read)).toEqual([
      ['web', ['A n_phone', 'B n_laptop'], 'differs per device'],
      ['telegram', ['C 123456789', 'C 123456789'], 'same on every device'],
      ['messenger', ['D 5555', 'D 5555'], 'same on every device'],
    ]);
    expect(screen.getByTestId('person-facts').textContent).toContain('each device is a different visitor');
    expect(screen.getByTestId('person-telegram-id').textContent).toBe('123456789');
  });

  it('sends as the person from a device and shows where it landed and the bot’s answer', async () => {
    const client = new FakeClient({
      'persons.list': () => [makePerson()],
      'persons.identities': () => identities,
      'persons.send': () => ({ channel: 'telegram', botId: BOT_ID, channelId: '123456789', responsePath: path, created: false, status: 200 }),
      'users.transcript': () => [
        makeMessage({ id: 'm1', seq: 1, responsePath: path, direction: 'in', source: 'telegram', text: 'where is my order?' }),
        makeMessage({ id: 'm2', seq: 2, responsePath: path, direction: 'out', source: 'bot', text: `Your response path is ${path}` }),
      ],
    });
    await renderPeople(client);
    fireEvent.change(screen.getByTestId('person-send-device'), { target: { value: 'laptop' } });
    fireEvent.change(screen.getByTestId('person-send-text'), { target: { value: 'where is my order?' } });
    await act(async () => fireEvent.click(screen.getByTestId('person-send')));
    expect(client.paramsOf('persons.send')).toEqual([
      { personId: 'ada', deviceId: 'laptop', channel: 'telegram', botId: BOT_ID, text: 'where is my order?' },
    ]);
    expect(screen.getByTestId('person-send-result').textContent).toContain(`From the Laptop, landed on ${path} (the same user as before)`);
    await waitFor(() => expect(screen.getByTestId('person-transcript').textContent).toContain(`Your response path is ${path}`));
  });

  it('writes to a bot made after the composer first showed (Send was disabled while there was none)', async () => {
    const client = new FakeClient({
      'persons.list': () => [makePerson()],
      'persons.identities': () => identities,
      'persons.send': () => ({ channel: 'telegram', botId: BOT_ID, channelId: '123456789', responsePath: path, created: true, status: 200 }),
    });
    const { store } = renderWithStore(<PeopleScreen />, client);
    await act(async () => {
      await store.getState().loadPersons();
    });
    fireEvent.change(screen.getByTestId('person-send-text'), { target: { value: 'hello' } });
    expect((screen.getByTestId('person-send') as HTMLButtonElement).disabled).toBe(true);
    await act(async () => store.getState().applyBot(makeBot()));
    expect((screen.getByTestId('person-send') as HTMLButtonElement).disabled).toBe(false);
    await act(async () => fireEvent.click(screen.getByTestId('person-send')));
    expect(client.paramsOf('persons.send')).toEqual([{ personId: 'ada', deviceId: 'phone', channel: 'telegram', botId: BOT_ID, text: 'hello' }]);
  });

  it('reports a refused send with the platform’s code and keeps the text', async () => {
    const client = new FakeClient({ 'persons.list': () => [makePerson()], 'persons.identities': () => identities }).fail('persons.send', {
      code: 'BOTBENCH_ERR_CHANNEL_MISMATCH',
      message: `${path} is a user of the web widget.`,
    });
    const { store } = await renderPeople(client);
    fireEvent.change(screen.getByTestId('person-send-text'), { target: { value: 'hi' } });
    await act(async () => fireEvent.click(screen.getByTestId('person-send')));
    expect(store.getState().toasts).toEqual([
      expect.objectContaining({ code: 'BOTBENCH_ERR_CHANNEL_MISMATCH', message: `${path} is a user of the web widget.` }),
    ]);
    expect((screen.getByTestId('person-send-text') as HTMLInputElement).value).toBe('hi');
    expect(screen.queryByTestId('person-send-result')).toBeNull();
  });

  it('renames a device in place; Escape keeps the old name', async () => {
    const client = new FakeClient({
      'persons.list': () => [makePerson()],
      'persons.identities': () => identities,
      'persons.updateDevice': ({ deviceId, name }) =>
        makePerson({ devices: makePerson().devices.map((d) => (d.id === deviceId ? { ...d, name: name ?? d.name } : d)) }),
    });
    await renderPeople(client);
    const laptop = screen.getAllByTestId('person-device').find((row) => row.textContent?.includes('Laptop'))!;
    fireEvent.click(within(laptop).getByTestId('device-rename'));
    fireEvent.change(within(laptop).getByTestId('device-rename-input'), { target: { value: 'Work laptop' } });
    fireEvent.keyDown(within(laptop).getByTestId('device-rename-input'), { key: 'Escape' });
    expect(client.paramsOf('persons.updateDevice')).toEqual([]);
    fireEvent.click(within(laptop).getByTestId('device-rename'));
    fireEvent.change(within(laptop).getByTestId('device-rename-input'), { target: { value: '  Work laptop ' } });
    await act(async () => fireEvent.click(within(laptop).getByTestId('device-rename-save')));
    expect(client.paramsOf('persons.updateDevice')).toEqual([{ personId: 'ada', deviceId: 'laptop', name: 'Work laptop' }]);
    expect(within(screen.getByTestId('person-devices')).getByText('Work laptop')).toBeTruthy();
  });

  it('adds a device linked to an open profile, and turns a channel off', async () => {
    const client = new FakeClient({
      'persons.list': () => [makePerson({ devices: [] })],
      'persons.addDevice': ({ name, profileId }) => makePerson({ devices: [{ id: 'd1', name, profileId: profileId ?? null }] }),
      'persons.update': ({ channels }) => makePerson({ devices: [], channels: channels ?? [] }),
    });
    const { store } = await renderPeople(client);
    act(() => store.getState().applyProfile(makeProfile({ id: 'p9', label: 'Same browser' })));
    fireEvent.change(screen.getByTestId('device-name'), { target: { value: 'Phone' } });
    fireEvent.change(screen.getByTestId('device-profile'), { target: { value: 'p9' } });
    await act(async () => fireEvent.click(screen.getByTestId('device-add')));
    expect(client.paramsOf('persons.addDevice')).toEqual([{ personId: 'ada', name: 'Phone', profileId: 'p9' }]);
    expect(within(screen.getByTestId('person-devices')).getByText('Phone')).toBeTruthy();
    await act(async () => fireEvent.click(screen.getByTestId('person-channel-messenger')));
    expect(client.paramsOf('persons.update')).toEqual([{ id: 'ada', channels: ['web', 'telegram'] }]);
  });
  it('shows only the bots ticked in the filter, and all again when every one is ticked', async () => {
    const other = makeBot({ botId: 'c'.repeat(24), name: 'Scenario: anonymous visitor' });
    const { store } = await renderPeople(new FakeClient({ 'persons.list': () => [makePerson()], 'persons.identities': () => identities }));
    act(() => store.getState().applyBot(other));
    const rowsShown = () => screen.getAllByTestId('person-matrix-row').length;
    expect(rowsShown()).toBe(6);
    fireEvent.click(screen.getByRole('button', { name: 'Scenario: anonymous visitor' }));
    expect(rowsShown()).toBe(3);
    expect(store.getState().peopleBotIds).toEqual([BOT_ID]);
    fireEvent.click(screen.getByRole('button', { name: 'Scenario: anonymous visitor' }));
    expect(store.getState().peopleBotIds).toBeNull();
  });
});
