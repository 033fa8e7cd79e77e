/**
 * Electron session partitions for profiles. A `persist:` partition lives on disk under
 * userData and survives quitting the app; any other name is in memory and gone when its last
 * page closes, which is exactly an incognito window.
 */
export function persistentPartition(profileId: string): string {
  return `persist:botbench-profile-${safe(profileId)}`;
}

let counter = 0;

/** A new in-memory partition for each incognito window (a restart gets a fresh one, with empty storage). */
export function incognitoPartition(profileId: string): string {
  counter += 1;
  return `botbench-incognito-${safe(profileId)}-${Date.now().toString(36)}-${counter}`;
}

export function isPersistentPartition(partition: string): boolean {
  return partition.startsWith('persist:');
}

function safe(id: string): string {
  return id.replace(/[^A-Za-z0-9_-]/g, '_');
}
