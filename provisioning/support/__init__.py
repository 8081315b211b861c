"""`monespace support`: national support's twins of the support page (README « Support des conseils »)."""
