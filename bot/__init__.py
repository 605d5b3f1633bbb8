"""Skill-practice bot: relationship skills from an Obsidian vault, one step at a time."""
