import { SHORTCUTS } from '../hooks/shortcuts.ts';
import { Dialog } from './Dialog.tsx';

export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose} testId="shortcuts-dialog" wide>
      <table className="shortcuts">
        <caption className="visually-hidden">Keys and what they do</caption>
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.what} data-testid="shortcut">
              <td>
                {s.keys.map((k, i) => (
                  <span key={k}>
                    {i > 0 ? (s.or ? ' or ' : ' + ') : null}
                    <kbd>{k}</kbd>
                  </span>
                ))}
              </td>
              <td>
                {s.where ? <span className="shortcut-where">{s.where}: </span> : null}
                {s.what}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
