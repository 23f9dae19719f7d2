from server.gateway.cli import main

main()
