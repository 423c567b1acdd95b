"use client";

import { useEffect, useState } from "react";
import { loadBoard, nudgeReader } from "@/lib/kitchen/board";

export function AnnouncementBoard({ restaurantId }: { restaurantId: string }) {
  const [readers, setReaders] = useState<{ user_id: string }[] | null>(null);
  useEffect(() => {
    loadBoard(restaurantId).then(setReaders);
  }, [restaurantId]);
  return (
    <ul>
      {readers?.map((r) => (
        <li key={r.user_id}>
          <button onClick={() => nudgeReader(r.user_id)}>Nudge</button>
        </li>
      ))}
    </ul>
  );
}
