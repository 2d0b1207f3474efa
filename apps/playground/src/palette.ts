/** One colour per overlaid spec (Tableau 10, colour-blind friendly); MAX_SPECS is this long. */
export const COLORS = ['#4e79a7', '#e15759', '#59a14f', '#f28e2b', '#b07aa1', '#76b7b2', '#edc948', '#9c755f'];
/** One dash pattern per param group, so groups of one spec share its colour. */
export const DASHES = ['', '7 4', '2 3', '10 3 2 3'];
