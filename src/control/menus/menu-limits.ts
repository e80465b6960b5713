/** A menu import's body may be at most 2 MiB (JSON or CSV); larger answers 413. */
export const menuImportMaxBytes = 2 * 1024 * 1024;
/** At most 2,000 items per menu (the voxeron.menu/v1 limit); more answers 413. */
export const menuImportMaxItems = 2000;
