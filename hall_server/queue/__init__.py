"""Queue calling (取号/叫号): tickets, windows calling them, ratings, the supervisors' monitor."""
