{"reboot": {"type": "%(type)s"}}
