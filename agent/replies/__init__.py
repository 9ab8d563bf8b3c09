"""What the agent says: reply policy, spoken-reply contract, safety, knowledge, tools, vision."""
