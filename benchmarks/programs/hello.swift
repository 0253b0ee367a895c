// The floor for hadr's start-up on this machine: a Swift program that links what
// hadr's command line links (Foundation Essentials, through ArgumentParser) and prints.
import FoundationEssentials

print(Date(timeIntervalSince1970: 0).timeIntervalSince1970 == 0 ? "99.8001%" : "")
