/**
 * Projects the API client lacks permission on (set by a provider state): every route under them answers 403
 * `PERMISSION_CHECK_FAILED`. Ids compare case-insensitively; `clear` runs on the simulator's reset.
 */
export class ProjectPermissions {
  private readonly denied = new Set<string>();

  deny(orgId: string, projectId: string): void {
    this.denied.add(key(orgId, projectId));
  }

  /** False when the project was denied; O(1), nothing allocated while none is. */
  allows(orgId: string, projectId: string): boolean {
    return this.denied.size === 0 || !this.denied.has(key(orgId, projectId));
  }

  clear(): void {
    this.denied.clear();
  }
}

const key = (orgId: string, projectId: string): string => `${orgId.toLowerCase()}/${projectId.toLowerCase()}`;
