/** Whether a ProfileHost can open profiles, and with what; what the Profiles screen shows when it cannot. */
export type HostStatus = { ready: true; browser: string } | { ready: false; problem: string; searched: string[]; fixes: string[]; hint: string };
