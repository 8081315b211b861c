<#--
  SPEC §1 "Connectez-vous à votre espace". The identifier is the account e-mail
  only (the field keeps Keycloak's name "username"; the browser flow's
  authenticator refuses anything else server side).
  Wrong credentials and temporary lockout produce the same generic message
  (messages: invalidUserMessage, accountTemporarilyDisabledMessage…), shown once
  above the form and referenced by both fields, so nothing tells which of the
  two was wrong, nor whether the account exists or is locked.
-->
<#import "template.ftl" as layout>
<#import "monespace.ftl" as me>
<#assign credentialError = messagesPerField.existsError('username', 'password')>
<@layout.registrationLayout displayMessage=!credentialError displayInfo=true; section>
    <#if section = "header">
        ${msg("monespaceLoginTitle")}
    <#elseif section = "form">
        <#if credentialError>
            <@me.messageBox type="error" id="me-login-error" text=messagesPerField.getFirstError('username', 'password')/>
        </#if>
        <#if realm.password>
            <@me.form action=url.loginAction id="kc-form-login">
                <#if !usernameHidden??>
                    <@me.textField name="username" labelKey="monespaceEmail" type="email" value=(login.username)!''
                        required=true autocomplete="username" spellcheck="false" autocapitalize="none"
                        showFieldError=false invalid=credentialError describedBy=credentialError?then("me-login-error", "")/>
                </#if>
                <@me.passwordField name="password" labelKey="monespacePassword" autocomplete="current-password"
                    showFieldError=false invalid=credentialError describedBy=credentialError?then("me-login-error", "")/>
                <input type="hidden" id="id-hidden-input" name="credentialId" value="${(auth.selectedCredential)!''}">
                <@me.actions>
                    <@me.primaryButton labelKey="monespaceDoLogIn" name="login" id="kc-login"/>
                </@me.actions>
            </@me.form>
        </#if>
    <#elseif section = "info">
        <@me.linkRow links=[
            {"url": (realm.password && realm.registrationAllowed && !registrationDisabled??)?then(url.registrationUrl, ""), "key": "monespaceCreateSpace", "id": "me-register-link"},
            {"url": realm.resetPasswordAllowed?then(url.loginResetCredentialsUrl, ""), "key": "monespaceForgotCredentials", "id": "me-reset-link"}
        ]/>
    </#if>
</@layout.registrationLayout>
