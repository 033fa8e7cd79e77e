import type { RecentSite } from '../../../main/api/contract.ts';
import { attempt } from './attempt.ts';
import type { SliceCreator } from './types.ts';

/** The tester's own sites (Botbench's): the workspace's recent ones, and the one new profiles and the seed story open on. */
export interface SitesSlice {
  /** Most recent first, as main keeps them. */
  sites: RecentSite[];
  /** Where the toolbar's kind buttons and Seed story open profiles: a site's URL, or null for Botbench's demo page. */
  chosenSiteUrl: string | null;
  chooseSite(url: string | null): void;
  loadSites(): Promise<void>;
  /** Remembers a site as just used (a profile opened on it) and chooses it; answers false when main refused it. */
  rememberSite(url: string, name?: string): Promise<boolean>;
  /** Forgets a recent site; the demo page is chosen again if it was the chosen one. */
  forgetSite(id: string): Promise<void>;
}

export const createSitesSlice: SliceCreator<SitesSlice> = (set, get) => ({
  sites: [],
  chosenSiteUrl: null,
  chooseSite: (chosenSiteUrl) => set({ chosenSiteUrl }),
  loadSites: async () => {
    const sites = await attempt(get, 'Could not load the recent sites', () => get().client.call('sites.list'), null);
    if (sites) set({ sites });
  },
  rememberSite: async (url, name) => {
    const saved = await attempt(get, 'Could not remember the site', () => get().client.call('sites.save', { url, ...(name ? { name } : {}) }), null);
    if (!saved) return false;
    set({ sites: saved.sites, chosenSiteUrl: saved.sites.find((s) => s.id === saved.id)?.url ?? url });
    return true;
  },
  forgetSite: async (id) => {
    const gone = get().sites.find((s) => s.id === id);
    const sites = await attempt(get, 'Could not forget the site', () => get().client.call('sites.remove', { id }), null);
    if (!sites) return;
    set((state) => ({ sites, chosenSiteUrl: state.chosenSiteUrl === gone?.url ? null : state.chosenSiteUrl }));
  },
});
