import { readersOf, sendReaderText } from "./announcements";

export const loadBoard = (restaurantId: string) => readersOf(restaurantId);

export const nudgeReader = (userId: string) => sendReaderText(userId, "Please read the board");
