import type { ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../store/context.tsx';
import { SCREENS, type Screen, type ThemeChoice } from '../store/workbench-slice.ts';
import {
  BotIcon,
  FlowIcon,
  HelpIcon,
  LogIcon,
  MonitorIcon,
  MoonIcon,
  PeopleIcon,
  ProfilesIcon,
  ScenarioIcon,
  SunIcon,
  UsersIcon,
  WebhookIcon,
} from './icons.tsx';

const NAV: Record<Screen, { label: string; icon: ReactNode }> = {
  profiles: { label: 'Profiles', icon: <ProfilesIcon /> },
  people: { label: 'People', icon: <PeopleIcon /> },
  users: { label: 'Users', icon: <UsersIcon /> },
  log: { label: 'Log', icon: <LogIcon /> },
  webhooks: { label: 'Webhooks', icon: <WebhookIcon /> },
  flows: { label: 'Flows', icon: <FlowIcon /> },
  scenarios: { label: 'Scenarios', icon: <ScenarioIcon /> },
  bots: { label: 'Bots', icon: <BotIcon /> },
};

const THEMES: Array<{ value: ThemeChoice; label: string; icon: ReactNode }> = [
  { value: 'light', label: 'Light theme', icon: <SunIcon /> },
  { value: 'dark', label: 'Dark theme', icon: <MoonIcon /> },
  { value: 'system', label: 'Theme of the system', icon: <MonitorIcon /> },
];

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

export function Sidebar() {
  const screen = useApp((s) => s.screen);
  const setScreen = useApp((s) => s.setScreen);
  const theme = useApp((s) => s.theme);
  const setTheme = useApp((s) => s.setTheme);
  const setShortcutsOpen = useApp((s) => s.setShortcutsOpen);
  const counts = useApp(
    useShallow((s) => ({
      profiles: s.profiles.length,
      people: s.persons.length,
      users: s.users.length,
      webhooks: s.webhookHistory.length,
      flows: s.selectedBotId ? (s.flowsByBot[s.selectedBotId]?.length ?? 0) : 0,
      scenarios: s.scenarioList.length,
      bots: s.bots.length,
    })),
  );
  return (
    <nav className="sidebar" aria-label="Screens">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          ◆
        </span>
        Botbench
      </div>
      <BotPicker />
      <ul className="nav">
        {SCREENS.map((name, i) => (
          <li key={name}>
            <button
              type="button"
              className={`nav-item${screen === name ? ' active' : ''}`}
              aria-current={screen === name ? 'page' : undefined}
              data-testid={`nav-${name}`}
              title={`${NAV[name].label} (${isMac ? '⌘' : 'Ctrl+'}${i + 1})`}
              onClick={() => setScreen(name)}
            >
              {NAV[name].icon}
              <span className="nav-label">{NAV[name].label}</span>
              {name !== 'log' && counts[name] > 0 ? <span className="nav-count">{counts[name]}</span> : null}
            </button>
          </li>
        ))}
      </ul>
      <div className="sidebar-foot">
        <div
          className="segmented"
          role="radiogroup"
          aria-label="Theme"
          onKeyDown={(e) => {
            // A radio group is one Tab stop; arrows choose (WAI-ARIA radio group pattern).
            const step = e.key === 'ArrowRight' || e.key === 'ArrowDown' ? 1 : e.key === 'ArrowLeft' || e.key === 'ArrowUp' ? -1 : 0;
            if (step === 0) return;
            e.preventDefault();
            const index = (THEMES.findIndex((t) => t.value === theme) + step + THEMES.length) % THEMES.length;
            setTheme(THEMES[index]!.value);
            e.currentTarget.querySelectorAll<HTMLButtonElement>('[role="radio"]')[index]?.focus();
          }}
        >
          {THEMES.map((t) => (
            <button
              key={t.value}
              type="button"
              role="radio"
              aria-checked={theme === t.value}
              aria-label={t.label}
              title={t.label}
              tabIndex={theme === t.value ? 0 : -1}
              className={theme === t.value ? 'active' : ''}
              onClick={() => setTheme(t.value)}
            >
              {t.icon}
            </button>
          ))}
        </div>
        <button
          type="button"
          className="icon-btn"
          aria-label="Keyboard shortcuts"
          title="Keyboard shortcuts (?)"
          onClick={() => setShortcutsOpen(true)}
        >
          <HelpIcon />
        </button>
      </div>
    </nav>
  );
}

/** The bot the screens act on (opening profiles, the composer's default target, …). */
function BotPicker() {
  const bots = useApp((s) => s.bots);
  const selected = useApp((s) => s.selectedBotId);
  const selectBot = useApp((s) => s.selectBot);
  const setScreen = useApp((s) => s.setScreen);
  if (bots.length === 0) {
    return (
      <div className="bot-picker empty">
        <span>No bots yet</span>
        <button type="button" className="btn btn-small" onClick={() => setScreen('bots')}>
          Create one
        </button>
      </div>
    );
  }
  return (
    <label className="bot-picker">
      <span className="field-label">Bot</span>
      <select data-testid="bot-picker" value={selected ?? ''} onChange={(e) => selectBot(e.target.value)}>
        {bots.map((bot) => (
          <option key={bot.botId} value={bot.botId}>
            {bot.name}
          </option>
        ))}
      </select>
      {selected ? <code className="bot-picker-id">{selected}</code> : null}
    </label>
  );
}
