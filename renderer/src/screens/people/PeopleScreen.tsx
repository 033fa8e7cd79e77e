import { BotbenchBadge } from '../../components/badges.tsx';
import { CreateByNameForm } from '../../components/CreateByNameForm.tsx';
import type { Person } from '../../../../main/api/contract.ts';
import { useApp } from '../../store/context.tsx';
import { PersonDetails } from './PersonDetails.tsx';

/**
 * The identity lab's people: one human with devices and accounts, and who they are to each bot
 * on each channel. Providers that authenticate the person give one ID everywhere (or one per
 * page); the anonymous web gives each device its own.
 */
export function PeopleScreen() {
  const persons = useApp((s) => s.persons);
  const selectedId = useApp((s) => s.selectedPersonId);
  const selectPerson = useApp((s) => s.selectPerson);
  const selected = persons.find((p) => p.id === selectedId);
  return (
    <div className="people-screen">
      <div className="people-side">
        <section aria-label="People">
          <h2 className="section-title">People</h2>
          <BotbenchBadge what="Simulated Telegram-like and Messenger-like channels" />
          {persons.length === 0 ? <p className="muted small">No one yet. Add a person, give them devices, and compare their IDs.</p> : null}
          <ul className="bot-list" data-testid="person-list">
            {persons.map((person) => (
              <li key={person.id}>
                <button
                  type="button"
                  className={`bot-item${person.id === selectedId ? ' active' : ''}`}
                  data-testid="person-item"
                  aria-current={person.id === selectedId ? 'true' : undefined}
                  onClick={() => selectPerson(person.id)}
                >
                  <span className="person-avatar" aria-hidden="true">
                    {person.name.slice(0, 1).toUpperCase()}
                  </span>
                  <span className="bot-item-name">{person.name}</span>
                  <span className="muted small">{summary(person)}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
        <AddPersonForm />
      </div>
      <div className="bots-main">
        {selected ? (
          <PersonDetails key={selected.id} person={selected} />
        ) : (
          <div className="empty">
            <p className="empty-title">Who is this visitor, really?</p>
            <p className="muted">
              Add a person with a phone and a laptop. Their Telegram-like ID is the same on both; their Messenger-like ID is one per page; on the
              anonymous web each device is a stranger.
            </p>
          </div>
        )}
      </div>
    </div>
  );
}

function summary(person: Person): string {
  const devices = `${person.devices.length} device${person.devices.length === 1 ? '' : 's'}`;
  return `${devices} · ${person.channels.length} channel${person.channels.length === 1 ? '' : 's'}`;
}

function AddPersonForm() {
  const createPerson = useApp((s) => s.createPerson);
  return (
    <CreateByNameForm
      className="card form"
      label="Add a person"
      heading="New person"
      fieldLabel="Person's name"
      placeholder="Name, e.g. Ada"
      maxLength={80}
      submit="Add"
      nameTestId="person-create-name"
      submitTestId="person-create"
      onCreate={async (name) => (await createPerson(name)) !== null}
    />
  );
}
