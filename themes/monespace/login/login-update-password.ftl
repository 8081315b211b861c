<#--
  SPEC §4.2: the page reached from the reset link (Keycloak's UPDATE_PASSWORD
  required action), also used when an administrator asks for a new password.
  "Vous venez d'utiliser votre lien de connexion unique…" is Keycloak's
  resetPasswordMessage (warning) shown as information.
  Keycloak reports policy refusals as a global error (UpdatePassword uses
  setError): they are shown next to "Nouveau mot de passe" instead.
  The login e-mail is shown read-only when known: template attribute
  monespaceLoginEmail if a flow sets it, else the e-mail typed on §4.1 when the
  link is opened in the same browser (auth.attemptedUsername). It also feeds
  the strength indicator's "not the e-mail" rule; `username` (set by Keycloak,
  the RPPS number) feeds "not the username".
-->
<#import "template.ftl" as layout>
<#import "monespace.ftl" as me>
<#assign attempted = (auth.attemptedUsername)!''>
<#assign loginEmail = (monespaceLoginEmail)!(attempted?contains("@")?then(attempted, ""))>
<#assign fieldErrors = messagesPerField.existsError('password', 'password-confirm')>
<#assign globalError = (message?has_content && message.type == "error" && !fieldErrors)?then(message.summary, "")>
<@layout.registrationLayout displayMessage=false pageError=(fieldErrors || globalError?has_content); section>
    <#if section = "header">
        ${msg("monespaceSettingsTitle")}
    <#elseif section = "form">
        <#if message?has_content && message.type != "error" && !isAppInitiatedAction??>
            <@me.messageBox type=(message.type == "warning")?then("info", message.type) text=message.summary id="me-global-message"/>
        </#if>
        <@me.subtitle key="monespaceLoginInfoHeading"/>
        <@me.form action=url.loginAction id="kc-passwd-update-form">
            <@me.newPasswordField name="password-new" labelKey="monespaceNewPassword"
                errorFields=["password"] errorText=globalError strengthEmail=loginEmail strengthUsername=(username)!''/>
            <@me.passwordField name="password-confirm" labelKey="monespaceConfirmNewPassword" autocomplete="new-password"/>
            <#if loginEmail?has_content>
                <#-- Read-only, unnamed: nothing is submitted, but password managers
                     pair the new password with this login (autocomplete=username). -->
                <@me.textField name="" id="me-login-email" labelKey="monespaceEmailAddress" requiredMark=true type="email"
                    value=loginEmail readonly=true autocomplete="username" hintKey="monespaceNotPublic"/>
            </#if>
            <@me.actions>
                <@me.primaryButton labelKey="monespaceSave" name="login"/>
                <#if isAppInitiatedAction??>
                    <@me.secondaryButton labelKey="doCancel" name="cancel-aia" value="true"/>
                </#if>
            </@me.actions>
        </@me.form>
    </#if>
</@layout.registrationLayout>
