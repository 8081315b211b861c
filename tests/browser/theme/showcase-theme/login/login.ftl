<#--
  Macro showcase, rendered through Keycloak's login page (test theme only).
  Submitting the form runs the normal username/password step: its field errors
  (on "username" / "password") are borrowed by the demo fields through
  errorFields, so every error state can be seen too.
-->
<#import "template.ftl" as layout>
<#import "monespace.ftl" as me>
<#assign submitted = messagesPerField.existsError('username', 'password')>
<@layout.registrationLayout displayMessage=false displayRequiredFields=true pageError=submitted displayInfo=true; section>
    <#if section = "header">
        ${msg("monespaceCreationTitle")}
    <#elseif section = "form">
        <@me.messageBox type="error" key="monespaceIdentityMismatch" id="demo-error"/>
        <@me.messageBox type="info" key="monespaceAccountExists" id="demo-info"
            links=[{"url": url.loginResetCredentialsUrl, "key": "monespaceAccountExistsLink"}]/>
        <@me.messageBox type="success" key="monespaceCreatedText" id="demo-success" live=false>
            <@me.linkRow inline=true links=[{"url": url.loginUrl, "key": "monespaceBackToLogin"}]/>
        </@me.messageBox>
        <@me.messageBox type="warning" key="monespaceNoEspaceYet" id="demo-warning"
            links=[{"url": url.registrationUrl, "key": "monespaceNoEspaceYetLink"}]/>
        <@me.text key="monespaceSecureCreationText" id="demo-text"/>
        <@me.subtitle key="monespaceLoginInfoHeading"/>

        <@me.form action=url.loginAction id="demo-form">
            <@me.textField name="birthDate" labelKey="monespaceBirthDate" required=true requiredMark=true
                hintKey="monespaceBirthDateHint" inputmode="numeric" autocomplete="bday"
                errorFields=["username"] errorText=submitted?then(msg("monespaceBirthDateInvalid"), "")/>
            <@me.textField name="rpps" labelKey="monespaceRpps" required=true inputmode="numeric" maxlength="14"
                spellcheck="false" helpUrl="https://annuaire.sante.fr/" helpKey="monespaceRppsHelp"/>
            <@me.textField name="username" labelKey="monespaceEmail" type="email" autocomplete="username"
                spellcheck="false" autocapitalize="none" required=true value=(login.username)!''/>
            <@me.checkbox name="acceptTerms" required=true labelKey="monespaceAcceptTerms"
                errorText=submitted?then(msg("monespaceCguRequired"), "")
                labelLinks=[{"url": "https://www.conseil-national.medecin.fr/", "key": "monespaceTermsLink"},
                            {"url": "", "key": "monespacePrivacyLink"}]/>
            <@me.radioGroup name="channel" legendKey="monespaceChannelLegend"
                errorText=submitted?then(msg("monespaceChannelRequired"), "")
                options=[{"value": "sms", "labelKey": "monespaceChannelSms", "labelArgs": ["+3378***22"]},
                         {"value": "email", "labelKey": "monespaceChannelEmail", "labelArgs": ["tu***01@cn.medecin.fr"]}]/>
            <@me.radioGroup name="single" legendKey="monespaceChannelLegend" legendHidden=true
                options=[{"value": "sms", "label": "+3378***22", "hint": "SMS"}]/>
            <@me.newPasswordField name="password" labelKey="monespacePassword" strengthEmailField="username"
                strengthUsername="10003456789"/>
            <@me.passwordField name="password-confirm" labelKey="monespacePasswordConfirm" autocomplete="new-password"/>
            <@me.text key="monespaceCurrentPasswordHelp" id="demo-italic"
                links=[{"url": url.loginResetCredentialsUrl, "key": "monespaceRequestNewPassword"}]/>
            <@me.actions>
                <@me.primaryButton labelKey="monespaceDoValidate" name="login" id="demo-submit"/>
                <@me.secondaryButton labelKey="monespaceResendCode" value="resend" id="demo-resend"/>
                <@me.secondaryButton labelKey="monespaceBack" value="back" style="link" id="demo-back"/>
            </@me.actions>
        </@me.form>
    <#elseif section = "info">
        <@me.linkRow links=[
            {"url": url.loginUrl, "key": "monespaceDoLogIn"},
            {"url": url.loginResetCredentialsUrl, "key": "monespaceForgotCredentials"},
            {"url": me.configUrl("monespaceSupportUrl"), "key": "monespaceSupport"}
        ]/>
    </#if>
</@layout.registrationLayout>
