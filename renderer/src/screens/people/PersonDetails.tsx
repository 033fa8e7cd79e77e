import { useMemo, useState } from 'react';
import type { Person, PersonChannel, PersonDevice } from '../../../../main/api/contract.ts';
import { CHANNEL_LABEL } from '../../lib/person-matrix.ts';
import { KIND_INFO } from '../../lib/kinds.ts';
import { useApp } from '../../store/context.tsx';
import { PersonChatPanel } from './PersonChatPanel.tsx';
import { PersonMatrixTable } from './PersonMatrixTable.tsx';

const CHANNEL_HINT: Record<PersonChannel, string> = {
  web: 'the widget in each device’s browser profile',
  telegram: 'one user id, the same on every device and bot',
  messenger: 'a page-scoped ID: one per page (bot)',
};

export function PersonDetails({ person }: { person: Person }) {
  const updatePerson = useApp((s) => s.updatePerson);
  return (
    <div className="bot-details" data-testid="person-details">
      <PersonHeader person={person} />
      <section className="card" aria-label="Channels">
        <h3 className="section-title">Channels</h3>
        <div className="person-channels">
          {(['web', 'telegram', 'messenger'] as const).map((channel) => (
            <label key={channel} className="check-label person-channel">
              <input
                type="checkbox"
                data-testid={`person-channel-${channel}`}
                checked={person.channels.includes(channel)}
                onChange={(e) =>
                  void updatePerson(person.id, {
                    channels: e.target.checked ? [...person.channels, channel] : person.channels.filter((c) => c !== channel),
                  })
                }
              />
              <strong>{CHANNEL_LABEL[channel]}</strong>
              <span className="muted small">{CHANNEL_HINT[channel]}</span>
            </label>
          ))}
        </div>
        <p className="muted small person-accounts">
          Telegram-like user id <code data-testid="person-telegram-id">{person.telegramUserId}</code> · Messenger-like account{' '}
          <code>{person.messengerAccountId}</code> (bots never see it: each page gets its own ID)
        </p>
      </section>
      <Devices person={person} />
      <section className="card" aria-label="Identity matrix">
        <h3 className="section-title">Who {person.name} is to each bot</h3>
        <p className="muted small">
          Telegram and Messenger authenticate the person, so the bot gets an ID the provider vouches for; the anonymous web only has what each browser
          stored. Equal IDs share a letter.
        </p>
        <PersonMatrixTable person={person} />
      </section>
      <PersonChatPanel person={person} />
    </div>
  );
}

function PersonHeader({ person }: { person: Person }) {
  const updatePerson = useApp((s) => s.updatePerson);
  const deletePerson = useApp((s) => s.deletePerson);
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(person.name);
  const [confirming, setConfirming] = useState(false);
  return (
    <div className="person-header">
      {editing ? (
        <form
          className="input-row"
          onSubmit={(e) => {
            e.preventDefault();
            if (!name.trim()) return;
            void updatePerson(person.id, { name: name.trim() }).then((p) => p && setEditing(false));
          }}
        >
          <input
            aria-label="Name"
            data-testid="person-rename-input"
            value={name}
            maxLength={80}
            autoFocus
            onChange={(e) => setName(e.target.value)}
          />
          <button type="submit" className="btn btn-small btn-primary" disabled={!name.trim()}>
            Save
          </button>
          <button type="button" className="btn btn-small" onClick={() => setEditing(false)}>
            Cancel
          </button>
        </form>
      ) : (
        <h2 className="person-name" data-testid="person-name">
          {person.name}
        </h2>
      )}
      <span className="toolbar-spacer" />
      {editing ? null : (
        <button type="button" className="btn btn-small" data-testid="person-rename" onClick={() => (setName(person.name), setEditing(true))}>
          Rename
        </button>
      )}
      {confirming ? (
        <>
          <span className="small">Remove {person.name} and their devices?</span>
          <button type="button" className="btn btn-small btn-danger" data-testid="person-delete-confirm" onClick={() => void deletePerson(person.id)}>
            Remove
          </button>
          <button type="button" className="btn btn-small" onClick={() => setConfirming(false)}>
            Keep
          </button>
        </>
      ) : (
        <button type="button" className="btn btn-small" data-testid="person-delete" onClick={() => setConfirming(true)}>
          Remove…
        </button>
      )}
    </div>
  );
}

/** The profiles a device can use as its browser: open ones, named with their kind and bot. */
function useProfileChoices() {
  const profiles = useApp((s) => s.profiles);
  const bots = useApp((s) => s.bots);
  return useMemo(
    () =>
      profiles
        .filter((p) => p.status !== 'closed')
        .map((p) => {
          const kind = KIND_INFO[p.kind].name;
          const bot = bots.find((b) => b.botId === p.botId)?.name ?? p.botId;
          return { id: p.id, label: `${p.label}${p.label === kind ? '' : ` (${kind})`} · ${bot}` };
        }),
    [profiles, bots],
  );
}

function Devices({ person }: { person: Person }) {
  const addDevice = useApp((s) => s.addPersonDevice);
  const choices = useProfileChoices();
  const [name, setName] = useState('');
  const [profileId, setProfileId] = useState('');
  return (
    <section className="card" aria-label="Devices">
      <h3 className="section-title">Devices</h3>
      {person.devices.length === 0 ? <p className="muted small">No devices yet: add a phone and a laptop.</p> : null}
      <ul className="person-devices" data-testid="person-devices">
        {person.devices.map((device) => (
          <DeviceRow key={device.id} person={person} device={device} choices={choices} />
        ))}
      </ul>
      <form
        className="input-row person-device-add"
        aria-label="Add a device"
        onSubmit={(e) => {
          e.preventDefault();
          if (!name.trim()) return;
          void addDevice(person.id, name.trim(), profileId || null).then((p) => {
            if (!p) return;
            setName('');
            setProfileId('');
          });
        }}
      >
        <input
          data-testid="device-name"
          aria-label="Device name"
          placeholder="Device, e.g. Phone"
          maxLength={40}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <select data-testid="device-profile" aria-label="Its web browser" value={profileId} onChange={(e) => setProfileId(e.target.value)}>
          <option value="">no browser profile</option>
          {choices.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
        </select>
        <button type="submit" className="btn" data-testid="device-add" disabled={!name.trim() || person.devices.length >= 8}>
          Add device
        </button>
      </form>
    </section>
  );
}

function DeviceRow({ person, device, choices }: { person: Person; device: PersonDevice; choices: Array<{ id: string; label: string }> }) {
  const updateDevice = useApp((s) => s.updatePersonDevice);
  const removeDevice = useApp((s) => s.removePersonDevice);
  const [name, setName] = useState<string | null>(null);
  const linkedGone = device.profileId !== null && !choices.some((c) => c.id === device.profileId);
  const save = (): void => {
    const next = name?.trim() ?? '';
    if (next && next !== device.name) void updateDevice(person.id, device.id, { name: next });
    setName(null);
  };
  return (
    <li className="person-device" data-testid="person-device">
      {name === null ? (
        <strong>{device.name}</strong>
      ) : (
        <input
          aria-label={`New name for ${device.name}`}
          data-testid="device-rename-input"
          value={name}
          maxLength={40}
          autoFocus
          onChange={(e) => setName(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') save();
            if (e.key === 'Escape') setName(null);
          }}
        />
      )}
      <select
        aria-label={`${device.name}'s web browser`}
        data-testid="device-relink"
        value={linkedGone ? '' : (device.profileId ?? '')}
        onChange={(e) => void updateDevice(person.id, device.id, { profileId: e.target.value || null })}
      >
        <option value="">{linkedGone ? 'its profile was closed' : 'no browser profile'}</option>
        {choices.map((c) => (
          <option key={c.id} value={c.id}>
            {c.label}
          </option>
        ))}
      </select>
      <span className="person-device-actions">
        {name === null ? (
          <>
            <button
              type="button"
              className="btn btn-small"
              data-testid="device-rename"
              aria-label={`Rename ${device.name}`}
              onClick={() => setName(device.name)}
            >
              Rename
            </button>
            <button
              type="button"
              className="btn btn-small"
              aria-label={`Remove ${device.name}`}
              onClick={() => void removeDevice(person.id, device.id)}
            >
              Remove
            </button>
          </>
        ) : (
          <>
            <button type="button" className="btn btn-small btn-primary" data-testid="device-rename-save" disabled={!name.trim()} onClick={save}>
              Save
            </button>
            <button type="button" className="btn btn-small" onClick={() => setName(null)}>
              Cancel
            </button>
          </>
        )}
      </span>
    </li>
  );
}
