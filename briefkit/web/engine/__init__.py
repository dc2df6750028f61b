"""web.engine"""
