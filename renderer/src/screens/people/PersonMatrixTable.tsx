import { useMemo } from 'react';
import type { Person } from '../../../../main/api/contract.ts';
import { CopyButton } from '../../components/CopyButton.tsx';
import { WebhookIcon } from '../../components/icons.tsx';
import { CHANNEL_LABEL, personMatrix, VERDICT_TEXT } from '../../lib/person-matrix.ts';
import { useApp } from '../../store/context.tsx';

/** Rows: channel × bot; columns: devices; equal IDs share a lettered, coloured chip. */
export function PersonMatrixTable({ person }: { person: Person }) {
  const identities = useApp((s) => s.personIdentities);
  const allBots = useApp((s) => s.bots);
  const shownIds = useApp((s) => s.peopleBotIds);
  const setShownIds = useApp((s) => s.setPeopleBotIds);
  const bots = useMemo(() => (shownIds === null ? allBots : allBots.filter((b) => shownIds.includes(b.botId))), [allBots, shownIds]);
  const setWebhookDraft = useApp((s) => s.setWebhookDraft);
  const setScreen = useApp((s) => s.setScreen);
  const matrix = useMemo(() => personMatrix(person, identities, bots), [person, identities, bots]);
  const toggle = (botId: string) => {
    const current = shownIds ?? allBots.map((b) => b.botId);
    const next = current.includes(botId) ? current.filter((id) => id !== botId) : [...current, botId];
    setShownIds(next.length === allBots.length ? null : next);
  };
  const filter =
    allBots.length > 1 ? (
      <div className="person-bot-filter" role="group" aria-label="Bots shown (each is one Messenger-like page)">
        <span className="muted small">Bots:</span>
        {allBots.map((bot) => (
          <button
            key={bot.botId}
            type="button"
            className="chip"
            data-testid="person-bot-filter"
            aria-pressed={bots.includes(bot)}
            onClick={() => toggle(bot.botId)}
          >
            {bot.name}
          </button>
        ))}
      </div>
    ) : null;
  if (person.devices.length === 0 || matrix.rows.length === 0) {
    return (
      <>
        {filter}
        <p className="muted small">
          {person.devices.length === 0
            ? 'Add a device to fill the matrix.'
            : bots.length === 0
              ? 'Choose at least one bot.'
              : 'Turn on at least one channel.'}
        </p>
      </>
    );
  }
  return (
    <>
      {filter}
      <div className="table-wrap">
        <table className="table person-matrix" data-testid="person-matrix">
          <thead>
            <tr>
              <th scope="col">Channel · bot</th>
              {matrix.devices.map((device) => (
                <th key={device.id} scope="col">
                  {device.name}
                </th>
              ))}
              <th scope="col">Across devices</th>
            </tr>
          </thead>
          <tbody>
            {matrix.rows.map((row) => (
              <tr key={row.key} data-testid="person-matrix-row" data-channel={row.channel} data-verdict={row.verdict}>
                <th scope="row">
                  <span className={`channel-dot channel-${row.channel}`} aria-hidden="true" />
                  {CHANNEL_LABEL[row.channel]} · {row.botName}
                  {row.pageId ? <span className="person-row-page muted small">page {row.pageId}</span> : null}
                </th>
                {row.cells.map((cell) => (
                  <td key={cell.deviceId} data-testid="person-matrix-cell" data-group={cell.group ?? ''}>
                    {cell.channelId === null ? (
                      <span className="muted" title={row.channel === 'web' ? 'No browser profile on this bot is linked to this device' : undefined}>
                        —
                      </span>
                    ) : (
                      <span className="person-id">
                        <span className={`eq-chip eq-${cell.colour}`} title={`ID group ${cell.group}: equal IDs share a letter`}>
                          {cell.group}
                        </span>
                        <code className="mono small">{cell.channelId}</code>
                        {cell.responsePath ? (
                          <>
                            <CopyButton text={cell.responsePath} label={cell.responsePath} />
                            <button
                              type="button"
                              className="icon-btn"
                              aria-label={`Fire a webhook at ${cell.responsePath}`}
                              title={`Fire a webhook at ${cell.responsePath}`}
                              onClick={() => {
                                setWebhookDraft({ botId: row.botId, responsePath: cell.responsePath! });
                                setScreen('webhooks');
                              }}
                            >
                              <WebhookIcon />
                            </button>
                          </>
                        ) : null}
                      </span>
                    )}
                  </td>
                ))}
                <td className={`person-verdict verdict-${row.verdict}`} data-testid="person-matrix-verdict">
                  {VERDICT_TEXT[row.verdict]}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {matrix.facts.length > 0 ? (
        <ul className="person-facts" data-testid="person-facts">
          {matrix.facts.map((fact) => (
            <li key={fact}>{fact}</li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
