import { useEffect, useState } from 'react';
import { BotbenchBadge } from '../../components/badges.tsx';
import type { Person } from '../../../../main/api/contract.ts';
import { CopyButton } from '../../components/CopyButton.tsx';
import { CHANNEL_LABEL } from '../../lib/person-matrix.ts';
import { clockTime } from '../../lib/time.ts';
import { useApp } from '../../store/context.tsx';

type SendChannel = 'telegram' | 'messenger';

/** The person writes from one of their devices over a simulated channel, and sees the bot answer. */
export function PersonChatPanel({ person }: { person: Person }) {
  const bots = useApp((s) => s.bots);
  const selectedBotId = useApp((s) => s.selectedBotId);
  const sendAsPerson = useApp((s) => s.sendAsPerson);
  const chat = useApp((s) => s.personChat);
  const channels = person.channels.filter((c): c is SendChannel => c !== 'web');
  const [deviceId, setDeviceId] = useState(person.devices[0]?.id ?? '');
  const [channel, setChannel] = useState<SendChannel>(channels[0] ?? 'telegram');
  const [botId, setBotId] = useState(selectedBotId ?? bots[0]?.botId ?? '');
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [landed, setLanded] = useState<{ responsePath: string; created: boolean; device: string } | null>(null);

  // Keep the choices valid as devices and channels come and go.
  useEffect(() => {
    if (!person.devices.some((d) => d.id === deviceId)) setDeviceId(person.devices[0]?.id ?? '');
    if (!channels.includes(channel) && channels[0]) setChannel(channels[0]);
  }, [person.devices, deviceId, channels, channel]);
  // A bot made (or deleted) after this panel first rendered: write to one that exists.
  useEffect(() => {
    if (!bots.some((b) => b.botId === botId)) setBotId(bots.find((b) => b.botId === selectedBotId)?.botId ?? bots[0]?.botId ?? '');
  }, [bots, botId, selectedBotId]);

  if (channels.length === 0 || person.devices.length === 0) {
    return (
      <section className="card" aria-label="Write as this person">
        <h3 className="section-title">Write as {person.name}</h3>
        <p className="muted small">
          {person.devices.length === 0 ? 'Add a device first.' : 'Turn on the Telegram-like or Messenger-like channel to write as this person.'} The
          web widget is written from the Profiles screen.
        </p>
      </section>
    );
  }
  const device = person.devices.find((d) => d.id === deviceId);
  return (
    <section className="card person-chat" aria-label="Write as this person">
      <h3 className="section-title">Write as {person.name}</h3>
      <BotbenchBadge what="Simulated channels" />
      <form
        className="person-compose"
        onSubmit={(e) => {
          e.preventDefault();
          if (!text.trim() || busy || !device || !botId) return;
          setBusy(true);
          void sendAsPerson({ personId: person.id, deviceId, channel, botId, text: text.trim() }).then((result) => {
            setBusy(false);
            if (!result) return;
            setText('');
            setLanded({ responsePath: result.responsePath, created: result.created, device: device.name });
          });
        }}
      >
        <div className="input-row">
          <label className="small" htmlFor="person-send-device">
            from
          </label>
          <select id="person-send-device" data-testid="person-send-device" value={deviceId} onChange={(e) => setDeviceId(e.target.value)}>
            {person.devices.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
          <label className="small" htmlFor="person-send-channel">
            via
          </label>
          <select
            id="person-send-channel"
            data-testid="person-send-channel"
            value={channel}
            onChange={(e) => setChannel(e.target.value as SendChannel)}
          >
            {channels.map((c) => (
              <option key={c} value={c}>
                {CHANNEL_LABEL[c]}
              </option>
            ))}
          </select>
          <label className="small" htmlFor="person-send-bot">
            to
          </label>
          <select id="person-send-bot" data-testid="person-send-bot" value={botId} onChange={(e) => setBotId(e.target.value)}>
            {bots.map((b) => (
              <option key={b.botId} value={b.botId}>
                {b.name}
              </option>
            ))}
          </select>
        </div>
        <div className="input-row">
          <input
            data-testid="person-send-text"
            aria-label="Message"
            placeholder={`Message from ${person.name}'s ${device?.name ?? 'device'}`}
            maxLength={4000}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          <button type="submit" className="btn btn-primary" data-testid="person-send" disabled={!text.trim() || busy || !botId}>
            Send
          </button>
        </div>
      </form>
      {landed ? (
        <p className="check check-ok" data-testid="person-send-result" role="status">
          From the {landed.device}, landed on <code>{landed.responsePath}</code> {landed.created ? '(a new user)' : '(the same user as before)'}{' '}
          <CopyButton text={landed.responsePath} label="the response path" />
        </p>
      ) : null}
      {chat ? (
        <ol className="person-transcript" data-testid="person-transcript" aria-label={`Conversation of ${chat.responsePath}`}>
          {chat.messages.map((m) => (
            <li key={m.id} className={`person-message ${m.direction === 'in' ? 'from-person' : 'from-bot'}`}>
              <span className="muted small">
                {clockTime(m.createdAt)} · {m.direction === 'in' ? person.name : m.source === 'webhook' ? 'webhook' : 'bot'}
              </span>
              <span>{m.text}</span>
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}
