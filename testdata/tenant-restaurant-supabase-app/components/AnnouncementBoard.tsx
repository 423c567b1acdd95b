"use client";

import { useEffect, useState } from "react";
import { loadBoard } from "@/lib/kitchen/board";

export function AnnouncementBoard({ restaurantId }: { restaurantId: string }) {
  const [readers, setReaders] = useState<unknown>(null);
  useEffect(() => {
    loadBoard(restaurantId).then(setReaders);
  }, [restaurantId]);
  return <pre>{JSON.stringify(readers)}</pre>;
}
