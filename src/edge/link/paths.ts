/** HTTP paths of the edge link server (shared by agent and platform). */
export const EDGE_LINK_PATH = '/edge/v1/link';
export const EDGE_ENROLL_PATH = '/edge/v1/enroll';
export const EDGE_ROTATE_PATH = '/edge/v1/rotate';
