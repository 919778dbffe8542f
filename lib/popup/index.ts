// The popup's view model: the order and search of its rows, and the first screen the
// background keeps ready so the popup paints before its scripts have loaded (rank 6).
export {};
