import { readersOf } from "./announcements";

export const loadBoard = (restaurantId: string) => readersOf(restaurantId);
