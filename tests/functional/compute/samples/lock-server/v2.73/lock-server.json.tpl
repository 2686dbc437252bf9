{"lock": {"locked_reason": "I don't want to work"}}
