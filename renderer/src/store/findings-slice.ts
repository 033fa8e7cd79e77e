import type { Finding } from '../../../main/api/contract.ts';
import { attempt } from './attempt.ts';
import type { SliceCreator } from './types.ts';

/** The site (an origin) a page URL belongs to, as main groups findings; a URL without an origin (a file) stands for itself. */
export function siteOfUrl(url: string): string {
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? url : origin;
  } catch {
    return url;
  }
}

/** Botbench's site integration findings: the Findings panel shows one site's (or every open profile's). */
export interface FindingsSlice {
  findings: Finding[];
  /** The site the panel shows; null: every open profile's. */
  findingsSite: string | null;
  findingsOpen: boolean;
  showFindings(site: string | null): Promise<void>;
  hideFindings(): void;
  loadFindings(): Promise<void>;
  /** A profile's findings changed (the `findings` event): the open panel reloads when it shows that site. */
  applyFindingsChanged(site: string): void;
}

export const createFindingsSlice: SliceCreator<FindingsSlice> = (set, get) => ({
  findings: [],
  findingsSite: null,
  findingsOpen: false,
  async showFindings(site) {
    set({ findingsOpen: true, findingsSite: site });
    await get().loadFindings();
  },
  hideFindings: () => set({ findingsOpen: false }),
  async loadFindings() {
    const site = get().findingsSite;
    const findings = await attempt(
      get,
      'Could not read the site’s findings',
      () => get().client.call('findings.list', site === null ? {} : { site }),
      null,
    );
    // A newer request for another site may have answered first.
    if (findings && get().findingsSite === site) set({ findings });
  },
  applyFindingsChanged(site) {
    const { findingsOpen, findingsSite } = get();
    if (findingsOpen && (findingsSite === null || findingsSite === site)) void get().loadFindings();
  },
});
