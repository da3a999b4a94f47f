/** Messages about placements: applications, offers, signatures, badges. */

export const placementMessages = {};
