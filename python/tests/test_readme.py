# The README's pytest example, verbatim from the line below (xtask's README test checks it).
import requests

def test_an_omivv_token_expires_after_an_hour(appliance_sandbox):
    body = {"apiUserCredential": {"username": "admin", "domain": "", "password": "admin123"}}
    token = requests.post(appliance_sandbox.omivv_url + "/Services/AuthenticationService/login", json=body).json()["accessToken"]
    appliance_sandbox.advance(3601)   # the sandbox clock, not the wall clock
    r = requests.get(appliance_sandbox.omivv_url + "/Services/ConsoleService/Consoles",
                     headers={"Authorization": "Bearer " + token})
    assert r.status_code == 401 and r.json()["message"] == "Token is already expired"
